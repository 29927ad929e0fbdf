import "server-only";
import type { Db } from "@/server/db";
import { loadTask, toTaskSpec } from "@/server/tasks/task-record";
import { queueRun } from "./queue-run";
import { planSteps } from "./run-steps";

/**
 * Queues a run of a task with a snapshot of its definition. A run of the same task still waiting in
 * the queue is replaced by this one (marked "replaced", kept in the history).
 */
export async function triggerRun(db: Db, taskId: string, trigger: string) {
  const spec = toTaskSpec(await loadTask(db, taskId));
  return queueRun(db, { owner: { taskId }, kind: "task", trigger, spec, steps: planSteps(spec), label: "run" });
}
