import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/prisma/generated/client";
import { env } from "./env";

export type Db = PrismaClient;

/** A Prisma client on one SQLite file (tests pass their own file). */
export function createDb(databaseFile: string): Db {
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${databaseFile}` }) });
}

const globalForDb = globalThis as unknown as { slipwayDb?: Db };

/** The one client of the running panel (kept across hot reloads in development). */
export const db: Db = globalForDb.slipwayDb ?? createDb(env.databaseFile);
globalForDb.slipwayDb = db;
