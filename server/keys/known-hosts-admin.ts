import "server-only";
import type { Db } from "@/server/db";
import { AppError } from "@/server/errors";

/** The git hosts Slipway has met, with the host keys it pinned on first contact. */
export async function listKnownHosts(db: Db) {
  const rows = await db.knownHost.findMany({ orderBy: [{ host: "asc" }, { port: "asc" }, { keyType: "asc" }] });
  return rows.map((r) => ({ id: r.id, host: r.host, port: r.port, keyType: r.keyType, fingerprint: r.fingerprint, firstSeenAt: r.firstSeenAt.toISOString() }));
}

/** Forgets a host's pinned keys (after a legitimate key change): the next checkout records the new ones. */
export async function forgetKnownHost(db: Db, host: string, port: number) {
  const { count } = await db.knownHost.deleteMany({ where: { host, port } });
  if (count === 0) throw new AppError("NOT_FOUND", `No host key is recorded for ${host}:${port}.`);
  return { host, port, forgotten: count };
}
