import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const MASTER_KEY_FILE = "master.key";

/**
 * The key that seals secrets at rest: from configuration, else from <dataDir>/master.key, created
 * (0600, 32 random bytes) on first use. Losing it makes sealed secrets unreadable: back it up with the data.
 */
export function loadMasterKey(dataDir: string, configured?: string): Buffer {
  if (configured) return Buffer.from(configured, "base64");
  const file = path.join(dataDir, MASTER_KEY_FILE);
  try {
    const key = Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64");
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key`);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  // "wx": never overwrite a key another process just wrote.
  try {
    fs.writeFileSync(file, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return loadMasterKey(dataDir);
    throw error;
  }
}
