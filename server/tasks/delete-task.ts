import "server-only";
import type { Db } from "@/server/db";
import { AppError } from "@/server/errors";

/** Deletes a task and its run history. Refused while one of its runs is queued or running. */
export async function deleteTask(db: Db, taskId: string) {
  const task = await db.task.findUnique({ where: { id: taskId }, select: { id: true, name: true } });
  if (!task) throw new AppError("NOT_FOUND", "No such task.");
  const active = await db.run.count({ where: { taskId, status: { in: ["queued", "running"] } } });
  if (active > 0) throw new AppError("CONFLICT", `Task "${task.name}" has a queued or running run: cancel it first.`);
  await db.task.delete({ where: { id: taskId } });
  return task;
}
