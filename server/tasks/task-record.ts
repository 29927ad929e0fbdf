import "server-only";
import type { Db } from "@/server/db";
import { AppError } from "@/server/errors";
import type { TaskSpec } from "./task-spec";

export const taskSelect = {
  id: true,
  name: true,
  image: true,
  buildRepo: true,
  buildDockerfile: true,
  command: true,
  env: true,
  workingDir: true,
  timeoutSeconds: true,
  createdAt: true,
  updatedAt: true,
  checkouts: {
    orderBy: { position: "asc" },
    select: { url: true, revision: true, mutable: true, keyId: true, submodules: true, mountName: true, key: { select: { name: true } } },
  },
} as const;

type TaskRow = NonNullable<Awaited<ReturnType<typeof findTask>>>;

function findTask(db: Db, id: string) {
  return db.task.findUnique({ where: { id }, select: taskSelect });
}

/** The task as a spec a run can execute. */
export function toTaskSpec(row: TaskRow): TaskSpec {
  return {
    taskId: row.id,
    name: row.name,
    image: row.image,
    build: row.buildRepo ? { repo: row.buildRepo, dockerfile: row.buildDockerfile ?? "Dockerfile" } : null,
    command: JSON.parse(row.command) as string[],
    env: JSON.parse(row.env) as Record<string, string>,
    workingDir: row.workingDir,
    timeoutSeconds: row.timeoutSeconds,
    checkouts: row.checkouts.map((c) => ({ url: c.url, revision: c.revision, mutable: c.mutable, keyId: c.keyId, submodules: c.submodules, mountName: c.mountName })),
  };
}

export async function loadTask(db: Db, id: string) {
  const row = await findTask(db, id);
  if (!row) throw new AppError("NOT_FOUND", "No such task.");
  return row;
}

/** The shape the API returns for a task. */
export function presentTask(row: TaskRow) {
  const spec = toTaskSpec(row);
  return {
    id: row.id,
    name: row.name,
    image: row.image,
    build: spec.build,
    command: spec.command,
    env: spec.env,
    workingDir: row.workingDir,
    timeoutSeconds: row.timeoutSeconds,
    checkouts: spec.checkouts.map((c, i) => ({ ...c, keyName: row.checkouts[i]?.key?.name ?? null })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
