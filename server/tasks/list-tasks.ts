import "server-only";
import type { Db } from "@/server/db";
import { presentTask, taskSelect } from "./task-record";

/** Every task with its last run, newest first by name. */
export async function listTasks(db: Db) {
  const tasks = await db.task.findMany({
    orderBy: { name: "asc" },
    select: { ...taskSelect, runs: { orderBy: { createdAt: "desc" }, take: 1, select: { id: true, number: true, status: true, createdAt: true, finishedAt: true } } },
  });
  return tasks.map(({ runs, ...task }) => ({
    ...presentTask(task),
    lastRun: runs[0] ? { ...runs[0], createdAt: runs[0].createdAt.toISOString(), finishedAt: runs[0].finishedAt?.toISOString() ?? null } : null,
  }));
}
