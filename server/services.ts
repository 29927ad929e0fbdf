import "server-only";
import { LoginRateLimiter } from "./auth/rate-limit";
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
}

export function createServices(parts: { db: Db; docker: DockerPort; dataDir: string; trustProxy?: boolean }): Services {
  return { ...parts, engine: new EngineMonitor(parts.docker), loginLimiter: new LoginRateLimiter(), trustProxy: parts.trustProxy ?? false };
}

const globalForServices = globalThis as unknown as { slipwayServices?: Services };

/** The panel's one set of services, created on first use; the engine monitor starts with it. */
export function services(): Services {
  if (!globalForServices.slipwayServices) {
    const created = createServices({ db, docker: dockerPortFor(env.DOCKER_HOST), dataDir: env.dataDir, trustProxy: env.SLIPWAY_TRUST_PROXY });
    created.engine.start();
    globalForServices.slipwayServices = created;
  }
  return globalForServices.slipwayServices;
}
