import { createHash, randomBytes } from "node:crypto";

/** A random bearer secret such as `slw_…` (256 bits) for API tokens and session cookies. */
export function newSecretToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString("base64url")}`;
}

/** What the database keeps instead of the secret. */
export function hashSecretToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
