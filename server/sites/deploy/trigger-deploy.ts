import "server-only";
import type { Db } from "@/server/db";
import { AppError } from "@/server/errors";
import { loadSite, toDeploySpec } from "../site-record";
import { planDeploySteps } from "./plan-deploy";

/**
 * Queues a deploy (or, with `rollbackTo`, a switch back to a kept release) of a site as a run. A deploy of
 * the same site still waiting in the queue is replaced. The engine runs one deploy per site at a time.
 */
export async function triggerDeploy(db: Db, siteId: string, trigger: string, rollbackTo: number | null = null) {
  const site = await loadSite(db, siteId);
  if (rollbackTo !== null) {
    const release = await db.siteRelease.findUnique({ where: { siteId_number: { siteId, number: rollbackTo } }, select: { status: true } });
    if (!release || release.status === "removed" || release.status === "failed") throw new AppError("BAD_INPUT", `Release #${rollbackTo} is not kept: pick one from the list.`);
    if (release.status === "active") throw new AppError("BAD_INPUT", `Release #${rollbackTo} is already live.`);
  }
  const spec = toDeploySpec(site, rollbackTo);
  return db.$transaction(async (tx) => {
    const last = await tx.run.findFirst({ where: { siteId }, orderBy: { number: "desc" }, select: { number: true } });
    const run = await tx.run.create({
      data: {
        siteId,
        kind: "deploy",
        number: (last?.number ?? 0) + 1,
        status: "queued",
        trigger: rollbackTo === null ? trigger : `${trigger} rollback`,
        spec: JSON.stringify(spec),
        steps: { create: planDeploySteps(spec).map((s) => ({ ...s, status: "pending" })) },
      },
      select: { id: true, number: true, status: true },
    });
    const replaced = await tx.run.updateMany({
      where: { siteId, status: "queued", id: { not: run.id } },
      data: { status: "replaced", replacedById: run.id, reason: `Replaced by deploy #${run.number} before it started.`, finishedAt: new Date() },
    });
    return { ...run, replaced: replaced.count };
  });
}
