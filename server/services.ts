import "server-only";
import { LoginRateLimiter } from "./auth/rate-limit";
import { loadMasterKey } from "./crypto/master-key";
import { db, type Db } from "./db";
import { dockerPortFor, type DockerPort } from "./docker/port";
import { env } from "./env";
import { EngineMonitor } from "./system/engine-monitor";

/** The long-lived parts every request shares. Services get these as arguments, never by import. */
export interface Services {
  db: Db;
  docker: DockerPort;
  engine: EngineMonitor;
  loginLimiter: LoginRateLimiter;
  dataDir: string;
  trustProxy: boolean;
  /** Seals deploy keys and secrets at rest. */
  masterKey: Buffer;
}

/** `masterKey` defaults to the one in the data directory (made on first use). */
export function createServices(parts: { db: Db; docker: DockerPort; dataDir: string; masterKey?: Buffer; trustProxy?: boolean }): Services {
  return {
    ...parts,
    masterKey: parts.masterKey ?? loadMasterKey(parts.dataDir),
    engine: new EngineMonitor(parts.docker),
    loginLimiter: new LoginRateLimiter(),
    trustProxy: parts.trustProxy ?? false,
  };
}

const globalForServices = globalThis as unknown as { slipwayServices?: Services };

/** The panel's one set of services, created on first use; the engine monitor starts with it. */
export function services(): Services {
  if (!globalForServices.slipwayServices) {
    const created = createServices({
      db,
      docker: dockerPortFor(env.DOCKER_HOST),
      dataDir: env.dataDir,
      masterKey: loadMasterKey(env.dataDir, env.SLIPWAY_MASTER_KEY),
      trustProxy: env.SLIPWAY_TRUST_PROXY,
    });
    created.engine.start();
    globalForServices.slipwayServices = created;
  }
  return globalForServices.slipwayServices;
}
