import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/server/db";
import { hashPassword } from "./password";

export const INITIAL_PASSWORD_FILE = "initial-admin-password";

/**
 * Creates the first admin when there is no user yet. The password comes from configuration or is
 * generated; a generated one is returned once and written to a 0600 file in the data directory.
 */
export async function ensureAdmin(db: Db, options: { email: string; password?: string; dataDir: string }) {
  if ((await db.user.count()) > 0) return { created: false as const };
  const generated = !options.password;
  const password = options.password ?? randomBytes(18).toString("base64url");
  const email = options.email.trim().toLowerCase();
  await db.user.create({ data: { email, passwordHash: await hashPassword(password) } });
  let passwordFile: string | null = null;
  if (generated) {
    passwordFile = path.join(options.dataDir, INITIAL_PASSWORD_FILE);
    await fs.writeFile(passwordFile, `${email}\n${password}\n`, { mode: 0o600 });
  }
  return { created: true as const, email, password: generated ? password : null, passwordFile };
}
