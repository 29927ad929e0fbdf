import "server-only";
import type { Db } from "@/server/db";

export interface AuditEntry {
  actorId: string | null;
  actor: string;
  action: string;
  target?: string | null;
  outcome: "ok" | "error";
  detail?: string | null;
  ip: string | null;
}

export async function recordAuditEvent(db: Db, entry: AuditEntry): Promise<void> {
  await db.auditEvent.create({
    data: {
      actorId: entry.actorId,
      actor: entry.actor.slice(0, 200),
      action: entry.action.slice(0, 100),
      target: entry.target?.slice(0, 300) ?? null,
      outcome: entry.outcome,
      detail: entry.detail?.slice(0, 1000) ?? null,
      ip: entry.ip,
    },
  });
}

const SECRET_KEY = /pass|secret|token|key|private|credential/i;

/** A short, secret-free description of a mutation's input for the audit log. */
export function describeInput(input: unknown): string | null {
  if (input === undefined || input === null) return null;
  const redact = (value: unknown, depth: number): unknown => {
    if (value === null || typeof value !== "object") return typeof value === "string" && value.length > 120 ? `${value.slice(0, 120)}…` : value;
    if (depth > 2) return "…";
    if (Array.isArray(value)) return value.slice(0, 10).map((v) => redact(v, depth + 1));
    // A variable marked secret ({ name, value, secret: true }) hides its value whatever its key is called.
    const secretEntry = (value as { secret?: unknown }).secret === true;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, (SECRET_KEY.test(k) && k !== "tokenId" && k !== "keyId") || (secretEntry && k === "value") ? "[redacted]" : redact(v, depth + 1)]),
    );
  };
  return JSON.stringify(redact(input, 0));
}
