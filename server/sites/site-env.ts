import "server-only";
import { open } from "@/server/crypto/secret-box";
import type { Db } from "@/server/db";
import { envPurpose } from "./save-site";

/** The site's variables: `all` with secret ones opened (for PHP's env file), `public` without them (builds, images). */
export async function siteEnv(db: Db, masterKey: Buffer, siteId: string) {
  const rows = await db.siteEnvVar.findMany({ where: { siteId }, select: { name: true, value: true, secret: true, valueSealed: true } });
  const all: Record<string, string> = {};
  const visible: Record<string, string> = {};
  const secrets: string[] = [];
  for (const row of rows) {
    if (row.secret) {
      if (!row.valueSealed) continue;
      const value = open(Buffer.from(row.valueSealed), masterKey, envPurpose(siteId, row.name)).toString();
      all[row.name] = value;
      if (value.length >= 4) secrets.push(value);
    } else {
      all[row.name] = row.value ?? "";
      visible[row.name] = row.value ?? "";
    }
  }
  return { all, public: visible, secrets };
}
