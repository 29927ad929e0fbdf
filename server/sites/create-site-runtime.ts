import "server-only";
import path from "node:path";
import { FrontConfigLock } from "@/server/front/front-config-lock";
import type { SiteRuntime } from "./site-runtime";

/** The runtime of an installation: everything under its data directory, Docker names from one prefix. */
export function createSiteRuntime(options: { dataDir: string; prefix?: string; httpPort: number; httpsPort: number; bind?: string; labels?: Record<string, string> }): SiteRuntime {
  const prefix = options.prefix ?? "slipway";
  return {
    prefix,
    sitesDir: path.join(options.dataDir, "sites"),
    configDir: path.join(options.dataDir, "site-config"),
    frontStateDir: path.join(options.dataDir, "front"),
    frontContainer: `${prefix}-front`,
    frontHttpPort: options.httpPort,
    frontHttpsPort: options.httpsPort,
    frontBind: options.bind ?? "0.0.0.0",
    network: `${prefix}-sites`,
    sessionNetwork: `${prefix}-sessions`,
    sessionStorePrefix: `${prefix}-sessions`,
    frontLock: new FrontConfigLock(),
    labels: options.labels ?? {},
  };
}
