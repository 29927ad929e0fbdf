import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

// The Prisma CLI runs the JS schema engine through the better-sqlite3 adapter: no engine binaries to download.
// Same file as server/env.ts derives: <SLIPWAY_DATA_DIR>/slipway.db.
const databaseFile = path.resolve(process.env.SLIPWAY_DATA_DIR ?? "./data", "slipway.db");

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () => {
    fs.mkdirSync(path.dirname(databaseFile), { recursive: true, mode: 0o700 });
    return new PrismaBetterSQLite3({ url: `file:${databaseFile}` });
  },
});
