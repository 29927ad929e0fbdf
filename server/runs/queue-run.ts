import "server-only";
import type { Db } from "@/server/db";
import type { PlannedStep } from "./run-steps";

/**
 * Queues a run for its owner (a task, or a site's deploy) with the next number, its spec snapshot and its
 * planned steps. A run of the same owner still waiting in the queue is replaced (kept in the history).
 */
export function queueRun(db: Db, run: { owner: { taskId: string } | { siteId: string }; kind: "task" | "deploy"; trigger: string; spec: unknown; steps: PlannedStep[]; label: string }) {
  return db.$transaction(async (tx) => {
    const last = await tx.run.findFirst({ where: run.owner, orderBy: { number: "desc" }, select: { number: true } });
    const created = await tx.run.create({
      data: {
        ...run.owner,
        kind: run.kind,
        number: (last?.number ?? 0) + 1,
        status: "queued",
        trigger: run.trigger,
        spec: JSON.stringify(run.spec),
        steps: { create: run.steps.map((s) => ({ ...s, status: "pending" })) },
      },
      select: { id: true, number: true, status: true },
    });
    const replaced = await tx.run.updateMany({
      where: { ...run.owner, status: "queued", id: { not: created.id } },
      data: { status: "replaced", replacedById: created.id, reason: `Replaced by ${run.label} #${created.number} before it started.`, finishedAt: new Date() },
    });
    return { ...created, replaced: replaced.count };
  });
}
