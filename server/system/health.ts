import "server-only";
import type { Db } from "@/server/db";
import type { EngineMonitor } from "./engine-monitor";
import { SLIPWAY_VERSION } from "./version";

export interface Health {
  status: "ok" | "degraded" | "down";
  version: string;
  database: { ok: boolean; error: string | null };
  docker: { reachable: boolean; version: string | null; apiVersion: string | null; error: string | null };
}

/** What /api/health reports: no secrets, no paths beyond the engine endpoint in an error. */
export async function checkHealth(db: Db, engine: EngineMonitor): Promise<Health> {
  const [database, docker] = await Promise.all([
    db.$queryRawUnsafe("SELECT 1").then(
      () => ({ ok: true, error: null }),
      (error: unknown) => ({ ok: false, error: error instanceof Error ? error.message.split("\n")[0] ?? "error" : "error" }),
    ),
    engine.check(),
  ]);
  const status = !database.ok ? "down" : docker.reachable ? "ok" : "degraded";
  return {
    status,
    version: SLIPWAY_VERSION,
    database,
    docker: { reachable: docker.reachable, version: docker.version, apiVersion: docker.apiVersion, error: docker.error },
  };
}
