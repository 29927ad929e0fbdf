import "server-only";
import type { Db } from "@/server/db";

/** Public data of every deploy key, with the tasks that use it. */
export async function listDeployKeys(db: Db) {
  const keys = await db.deployKey.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      comment: true,
      keyType: true,
      fingerprint: true,
      publicKey: true,
      createdAt: true,
      checkouts: { select: { task: { select: { id: true, name: true } } } },
    },
  });
  return keys.map(({ checkouts, ...key }) => ({
    ...key,
    createdAt: key.createdAt.toISOString(),
    usedBy: uniqueTasks(checkouts.map((c) => c.task)),
  }));
}

function uniqueTasks(tasks: { id: string; name: string }[]) {
  return [...new Map(tasks.map((t) => [t.id, t])).values()];
}
