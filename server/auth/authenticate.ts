import "server-only";
import type { Db } from "@/server/db";
import type { Principal } from "./principal";
import { hashSecretToken } from "./secret-token";
import { readCookie, resolveSession, SESSION_COOKIE } from "./sessions";

/** lastUsedAt is written at most this often per token, so API calls do not each cost a write. */
const TOKEN_TOUCH_EVERY_MS = 60_000;

/** Finds who is calling from the Authorization header (API token) or the session cookie. */
export async function authenticate(db: Db, headers: Headers, now = new Date()): Promise<Principal | null> {
  const authorization = headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    return match?.[1] ? authenticateToken(db, match[1], now) : null;
  }
  const cookie = readCookie(headers.get("cookie"), SESSION_COOKIE);
  if (!cookie) return null;
  const session = await resolveSession(db, cookie, now);
  return session ? { userId: session.user.id, email: session.user.email, via: "session", sessionId: session.sessionId } : null;
}

async function authenticateToken(db: Db, token: string, now: Date): Promise<Principal | null> {
  const found = await db.apiToken.findUnique({
    where: { tokenHash: hashSecretToken(token) },
    select: { id: true, name: true, revokedAt: true, lastUsedAt: true, user: { select: { id: true, email: true } } },
  });
  if (!found || found.revokedAt) return null;
  if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() > TOKEN_TOUCH_EVERY_MS) {
    await db.apiToken.update({ where: { id: found.id }, data: { lastUsedAt: now } });
  }
  return { userId: found.user.id, email: found.user.email, via: "token", tokenId: found.id, tokenName: found.name };
}
