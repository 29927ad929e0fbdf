import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb, type Db } from "@/server/db";

const migrationsDir = path.resolve(import.meta.dirname, "../../prisma/migrations");

/**
 * A fresh SQLite file in a temporary data directory with every migration applied in order
 * (the same SQL `prisma migrate deploy` applies), and a Prisma client on it.
 */
export function createTestDb(): { db: Db; dataDir: string; file: string; cleanup: () => Promise<void> } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "slipway-test-"));
  const file = path.join(dataDir, "slipway.db");
  const sqlite = new Database(file);
  for (const dir of fs.readdirSync(migrationsDir).filter((d) => /^\d{4}_/.test(d)).sort()) {
    sqlite.exec(fs.readFileSync(path.join(migrationsDir, dir, "migration.sql"), "utf8"));
  }
  sqlite.close();
  const db = createDb(file);
  return {
    db,
    dataDir,
    file,
    cleanup: async () => {
      await db.$disconnect();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
