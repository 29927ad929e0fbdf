import "server-only";
import type { Db } from "@/server/db";

export async function listAuditEvents(db: Db, options: { limit: number; before?: number }) {
  const events = await db.auditEvent.findMany({
    where: options.before ? { id: { lt: options.before } } : undefined,
    orderBy: { id: "desc" },
    take: options.limit,
    select: { id: true, at: true, actor: true, action: true, target: true, outcome: true, detail: true, ip: true },
  });
  return events.map((e) => ({ ...e, at: e.at.toISOString() }));
}
