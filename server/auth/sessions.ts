import "server-only";
import type { Db } from "@/server/db";
import { hashSecretToken, newSecretToken } from "./secret-token";

export const SESSION_COOKIE = "slipway_session";
export const SESSION_TTL_MS = 30 * 24 * 60 * 60_000;
/** A session's expiry slides forward at most this often (not on every request). */
const SLIDE_EVERY_MS = 60 * 60_000;

export async function createSession(db: Db, userId: string, meta: { ip: string | null; userAgent: string | null }, now = new Date()) {
  const token = newSecretToken("sws");
  await db.session.create({
    data: {
      tokenHash: hashSecretToken(token),
      userId,
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    },
  });
  return { token, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) };
}

/** The session's user if the cookie value names a live session; slides the expiry. */
export async function resolveSession(db: Db, token: string, now = new Date()) {
  const session = await db.session.findUnique({
    where: { tokenHash: hashSecretToken(token) },
    select: { id: true, expiresAt: true, lastSeenAt: true, user: { select: { id: true, email: true } } },
  });
  if (!session) return null;
  if (session.expiresAt <= now) {
    await db.session.delete({ where: { id: session.id } }).catch(() => undefined); // already gone is fine
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > SLIDE_EVERY_MS) {
    await db.session.update({ where: { id: session.id }, data: { lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) } });
  }
  return { sessionId: session.id, user: session.user };
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.session.deleteMany({ where: { id: sessionId } });
}

/** The Set-Cookie value for a session (HttpOnly, SameSite=Lax; Secure when served over HTTPS). */
export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const parts = [`${SESSION_COOKIE}=${token}`, "Path=/", "HttpOnly", "SameSite=Lax", `Expires=${expiresAt.toUTCString()}`];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

export function clearedSessionCookie(secure: boolean): string {
  const parts = [`${SESSION_COOKIE}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0"];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}
