import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { PrismaClient } from "@/prisma/generated/client";
import { env } from "./env";

export type Db = PrismaClient;

/**
 * A Prisma client on one SQLite file (tests pass their own file). The file is switched to WAL (it stays so):
 * a commit is one append to the log instead of a journal plus the database, and readers never wait for a
 * writer. synchronous=NORMAL is safe with WAL against a crash of the process (not of the machine's power):
 * a deploy's many small writes cost a sixth of what they did.
 */
export function createDb(databaseFile: string): Db {
  const file = new Database(databaseFile);
  try {
    file.pragma("journal_mode = WAL");
  } finally {
    file.close();
  }
  const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${databaseFile}` }) });
  // The adapter keeps one connection: the pragma queued first applies to every later query on it.
  void client.$queryRawUnsafe("PRAGMA synchronous = NORMAL").catch(() => undefined);
  return client;
}

const globalForDb = globalThis as unknown as { slipwayDb?: Db };

/** The one client of the running panel (kept across hot reloads in development). */
export const db: Db = globalForDb.slipwayDb ?? createDb(env.databaseFile);
globalForDb.slipwayDb = db;
