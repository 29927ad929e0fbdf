import "server-only";
import type { Db } from "@/server/db";
import { AppError } from "@/server/errors";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { hashPassword, verifyPassword } from "./password";
import type { LoginRateLimiter } from "./rate-limit";
import { createSession } from "./sessions";

export interface LoginInput {
  email: string;
  password: string;
}

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

// Compared against when the account does not exist, so timing does not reveal which e-mails exist.
let decoyHash: Promise<string> | null = null;

/** Checks the password (rate-limited per IP and account) and opens a session. */
export async function login(db: Db, limiter: LoginRateLimiter, input: LoginInput, meta: RequestMeta) {
  const email = input.email.trim().toLowerCase();
  const ip = meta.ip ?? "unknown";
  const waitMs = limiter.retryAfterMs(ip, email);
  if (waitMs > 0) {
    const minutes = Math.ceil(waitMs / 60_000);
    await recordAuditEvent(db, { actorId: null, actor: email, action: "auth.login", outcome: "error", detail: "rate limited", ip: meta.ip });
    throw new AppError("RATE_LIMITED", `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  }
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, passwordHash: true } });
  decoyHash ??= hashPassword("decoy-password-for-timing");
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash));
  if (!user || !ok) {
    limiter.recordFailure(ip, email);
    await recordAuditEvent(db, { actorId: user?.id ?? null, actor: email, action: "auth.login", outcome: "error", detail: "wrong e-mail or password", ip: meta.ip });
    throw new AppError("INVALID_CREDENTIALS", "Wrong e-mail or password.");
  }
  limiter.recordSuccess(email);
  const session = await createSession(db, user.id, meta);
  await recordAuditEvent(db, { actorId: user.id, actor: user.email, action: "auth.login", outcome: "ok", ip: meta.ip });
  return { user: { id: user.id, email: user.email }, ...session };
}
