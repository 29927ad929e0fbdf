import "server-only";
import type { FrontConfigLock } from "@/server/front/front-config-lock";

/** How this installation runs sites: where their files are and how to reach the shared front server. */
export interface SiteRuntime {
  /** Starts every Docker name this installation gives (front, networks, session stores, site containers). */
  prefix: string;
  /** Host directory holding <name>/ per site (mounted at /srv/slipway/sites in the front server). */
  sitesDir: string;
  /** Host directory holding each site's Slipway-written config (ini, pool, environment), 0700. */
  configDir: string;
  /** The front server's state directory on the host (mounted at /etc/slipway/front). */
  frontStateDir: string;
  frontContainer: string;
  /** Host port the front server's :80 is published on; health checks go through it on 127.0.0.1. */
  frontHttpPort: number;
  frontHttpsPort: number;
  /** Host address the front ports are bound to. */
  frontBind: string;
  /** Docker network of the front server and every site's containers. */
  network: string;
  /** Internal network of the shared session stores. */
  sessionNetwork: string;
  /** Prefix of session store container names (tests use their own). */
  sessionStorePrefix: string;
  frontLock: FrontConfigLock;
  /** Told after a release went live (the supervisor starts watching an Apache site's .htaccess files). */
  onActivated?: (site: { name: string; stack: string }) => void;
  /** Extra labels on everything sites create (tests mark theirs). */
  labels: Record<string, string>;
}

/** Where the panel reaches the front server's HTTP port. */
export interface FrontAddress {
  host: string;
  port: number;
}

/** The loopback when the front listens on every address, else the one address it is bound to. */
export function frontAddress(runtime: Pick<SiteRuntime, "frontBind" | "frontHttpPort">): FrontAddress {
  const any = runtime.frontBind === "0.0.0.0" || runtime.frontBind === "::";
  return { host: any ? "127.0.0.1" : runtime.frontBind, port: runtime.frontHttpPort };
}
