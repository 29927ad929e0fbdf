import "server-only";
import type { Db } from "@/server/db";
import { loadTask, toTaskSpec } from "@/server/tasks/task-record";
import { planSteps } from "./run-steps";

/**
 * Queues a run of a task with a snapshot of its definition. A run of the same task still waiting in
 * the queue is replaced by this one (marked "replaced", kept in the history).
 */
export async function triggerRun(db: Db, taskId: string, trigger: string) {
  const spec = toTaskSpec(await loadTask(db, taskId));
  return db.$transaction(async (tx) => {
    const last = await tx.run.findFirst({ where: { taskId }, orderBy: { number: "desc" }, select: { number: true } });
    const run = await tx.run.create({
      data: {
        taskId,
        number: (last?.number ?? 0) + 1,
        status: "queued",
        trigger,
        spec: JSON.stringify(spec),
        steps: { create: planSteps(spec).map((s) => ({ ...s, status: "pending" })) },
      },
      select: { id: true, number: true, status: true },
    });
    const replaced = await tx.run.updateMany({
      where: { taskId, status: "queued", id: { not: run.id } },
      data: { status: "replaced", replacedById: run.id, reason: `Replaced by run #${run.number} before it started.`, finishedAt: new Date() },
    });
    return { ...run, replaced: replaced.count };
  });
}
