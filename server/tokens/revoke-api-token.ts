import "server-only";
import type { Db } from "@/server/db";
import { AppError } from "@/server/errors";

/** Revoked tokens stay listed (with the time) so the audit trail keeps its meaning. */
export async function revokeApiToken(db: Db, userId: string, tokenId: string, now = new Date()) {
  const token = await db.apiToken.findFirst({ where: { id: tokenId, userId }, select: { id: true, name: true, revokedAt: true } });
  if (!token) throw new AppError("NOT_FOUND", "No such API token.");
  if (!token.revokedAt) await db.apiToken.update({ where: { id: token.id }, data: { revokedAt: now } });
  return { id: token.id, name: token.name };
}
