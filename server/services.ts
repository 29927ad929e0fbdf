import "server-only";
import path from "node:path";
import { LoginRateLimiter } from "./auth/rate-limit";
import { RunLogStore } from "./logs/run-log-store";
import { RunEngine } from "./runs/run-engine";
import { loadMasterKey } from "./crypto/master-key";
import { db, type Db } from "./db";
import { dockerPortFor, type DockerPort } from "./docker/port";
import { env } from "./env";
import { EngineMonitor } from "./system/engine-monitor";
import { createSiteRuntime } from "./sites/create-site-runtime";
import type { SiteRuntime } from "./sites/site-runtime";
import { SitesSupervisor } from "./sites/sites-supervisor";

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
  /** Every run's log, under <dataDir>/logs. */
  logs: RunLogStore;
  runs: RunEngine;
  /** Where sites live and how the front server is reached. */
  siteRuntime: SiteRuntime;
  /** Keeps the front server and the sites' containers up. */
  sites: SitesSupervisor;
}

/** `masterKey` defaults to the one in the data directory (made on first use). */
export function createServices(parts: {
  db: Db;
  docker: DockerPort;
  dataDir: string;
  masterKey?: Buffer;
  trustProxy?: boolean;
  runNetwork?: string;
  siteRuntime?: SiteRuntime;
}): Services {
  const masterKey = parts.masterKey ?? loadMasterKey(parts.dataDir);
  const logs = new RunLogStore(path.join(parts.dataDir, "logs"));
  const siteRuntime = parts.siteRuntime ?? createSiteRuntime({ dataDir: parts.dataDir, httpPort: 80, httpsPort: 443 });
  return {
    db: parts.db,
    docker: parts.docker,
    dataDir: parts.dataDir,
    masterKey,
    logs,
    runs: new RunEngine({ db: parts.db, docker: parts.docker, store: logs, masterKey, network: parts.runNetwork, sites: siteRuntime }),
    siteRuntime,
    sites: new SitesSupervisor(parts.db, parts.docker, siteRuntime, masterKey),
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
      runNetwork: env.SLIPWAY_RUN_NETWORK,
      siteRuntime: createSiteRuntime({
        dataDir: env.dataDir,
        prefix: env.SLIPWAY_DOCKER_PREFIX,
        httpPort: env.SLIPWAY_FRONT_HTTP_PORT,
        httpsPort: env.SLIPWAY_FRONT_HTTPS_PORT,
        bind: env.SLIPWAY_FRONT_BIND,
      }),
    });
    created.engine.start();
    globalForServices.slipwayServices = created;
  }
  return globalForServices.slipwayServices;
}
