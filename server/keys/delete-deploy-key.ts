import "server-only";
import type { Db } from "@/server/db";
import { AppError } from "@/server/errors";

/**
 * Deletes a deploy key. One that tasks or sites still use is refused unless `force`: the refusal names them.
 * With force, they lose the key (their checkouts fail until another key is chosen).
 */
export async function deleteDeployKey(db: Db, keyId: string, force: boolean) {
  const key = await db.deployKey.findUnique({
    where: { id: keyId },
    select: { id: true, name: true, checkouts: { select: { id: true, task: { select: { name: true } } } }, sites: { select: { name: true } } },
  });
  if (!key) throw new AppError("NOT_FOUND", "No such deploy key.");
  const users = [...[...new Set(key.checkouts.map((c) => c.task.name))].sort().map((u) => `task "${u}"`), ...key.sites.map((s) => `site "${s.name}"`).sort()];
  if (users.length > 0 && !force) {
    throw new AppError("CONFLICT", `Deploy key "${key.name}" is used by ${users.join(", ")}. Delete with force to detach it anyway.`);
  }
  await db.$transaction([
    db.taskCheckout.updateMany({ where: { keyId }, data: { keyId: null } }),
    db.site.updateMany({ where: { keyId }, data: { keyId: null } }),
    db.deployKey.delete({ where: { id: keyId } }),
  ]);
  return { id: key.id, name: key.name, detachedFrom: users };
}
