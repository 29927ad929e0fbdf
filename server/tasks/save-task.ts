import "server-only";
import type { Db } from "@/server/db";
import { AppError } from "@/server/errors";
import { defaultMountName, isImmutableRevision, type TaskInput } from "./task-input";
import { loadTask, presentTask } from "./task-record";

/** Creates a task, or replaces an existing one's definition (its runs keep the spec they started with). */
export async function saveTask(db: Db, input: TaskInput, taskId?: string) {
  const clash = await db.task.findUnique({ where: { name: input.name }, select: { id: true } });
  if (clash && clash.id !== taskId) throw new AppError("CONFLICT", `A task named "${input.name}" already exists.`);
  const keyIds = [...new Set(input.checkouts.map((c) => c.keyId).filter((k): k is string => k !== null))];
  const found = await db.deployKey.count({ where: { id: { in: keyIds } } });
  if (found !== keyIds.length) throw new AppError("BAD_INPUT", "A checkout names a deploy key that does not exist.");

  const data = {
    name: input.name,
    image: input.image,
    buildRepo: input.build?.repo ?? null,
    buildDockerfile: input.build?.dockerfile ?? null,
    command: JSON.stringify(input.command),
    env: JSON.stringify(input.env),
    workingDir: input.workingDir,
    timeoutSeconds: input.timeoutSeconds,
  };
  const checkouts = input.checkouts.map((c, position) => ({
    position,
    url: c.url,
    revision: c.revision,
    mutable: !isImmutableRevision(c.revision),
    keyId: c.keyId,
    submodules: c.submodules,
    mountName: c.mountName ?? defaultMountName(c.url),
  }));

  const id = await db.$transaction(async (tx) => {
    if (taskId) {
      await loadTask(db, taskId);
      await tx.taskCheckout.deleteMany({ where: { taskId } });
      await tx.task.update({ where: { id: taskId }, data: { ...data, checkouts: { create: checkouts } } });
      return taskId;
    }
    return (await tx.task.create({ data: { ...data, checkouts: { create: checkouts } }, select: { id: true } })).id;
  });
  return presentTask(await loadTask(db, id));
}
