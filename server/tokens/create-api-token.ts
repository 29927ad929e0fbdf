import "server-only";
import type { Db } from "@/server/db";
import { hashSecretToken, newSecretToken } from "@/server/auth/secret-token";

/** Creates a token; the secret is in the result once and never again. */
export async function createApiToken(db: Db, userId: string, name: string) {
  const secret = newSecretToken("slw");
  const token = await db.apiToken.create({
    data: { name, userId, tokenHash: hashSecretToken(secret), prefix: secret.slice(0, 10) },
    select: { id: true, name: true, prefix: true, createdAt: true },
  });
  return { ...token, createdAt: token.createdAt.toISOString(), secret };
}
