import "server-only";
import type { Db } from "@/server/db";

/** Marks `number` the live release; the one live before becomes "previous" (kept for rollback). */
export async function markActive(db: Db, siteId: string, number: number): Promise<void> {
  await db.$transaction([
    db.siteRelease.updateMany({ where: { siteId, status: "active", number: { not: number } }, data: { status: "previous" } }),
    db.siteRelease.update({ where: { siteId_number: { siteId, number } }, data: { status: "active", activatedAt: new Date() } }),
  ]);
}

/** The release that was live before `number` (the most recently activated other kept one). */
export async function releaseBefore(db: Db, siteId: string, number: number): Promise<number | null> {
  const previous = await db.siteRelease.findFirst({
    where: { siteId, number: { not: number }, status: { in: ["previous", "active"] }, activatedAt: { not: null } },
    orderBy: { activatedAt: "desc" },
    select: { number: true },
  });
  return previous?.number ?? null;
}

/** Releases beyond the newest `keep` (never the live one) whose folders can go. */
export async function releasesToPrune(db: Db, siteId: string, keep: number) {
  const kept = await db.siteRelease.findMany({
    where: { siteId, status: { in: ["previous", "bad", "published", "failed"] } },
    orderBy: { number: "desc" },
    select: { id: true, number: true, runId: true },
  });
  return kept.slice(Math.max(0, keep - 1));
}
