import "server-only";
import { slipwayLabels, type DockerPort } from "@/server/docker/port";
import { ensureSessionStore, sessionIni } from "./session-store";
import type { SiteRuntime } from "./site-runtime";

/** The session ini for a site's handler: null for files; for redis/memcached the shared store is ensured first. */
export async function sessionIniFor(docker: DockerPort, runtime: SiteRuntime, handler: string): Promise<string | null> {
  if (handler !== "redis" && handler !== "memcached") return null;
  const store = await ensureSessionStore(docker, handler, {
    network: runtime.sessionNetwork,
    labels: slipwayLabels({ ...runtime.labels, "slipway.kind": "session-store" }),
    name: `${runtime.sessionStorePrefix}-${handler}`,
  });
  return sessionIni(handler, store.host, store.port);
}
