import "server-only";
import type { DockerPort } from "@/server/docker/port";
import { DockerError } from "@/server/docker/errors";
import { MANAGED_LABEL } from "@/server/docker/labels";
import type { Labels } from "@/server/docker/types";
import { MEMCACHED_IMAGE, REDIS_IMAGE } from "@/server/images/slipway-images";

export type SessionStoreKind = "redis" | "memcached";

/** The internal network the stores and the PHP sidecars that use them share; nothing on it is published. */
export const SESSIONS_NETWORK = "slipway-sessions";

const STORES: Record<SessionStoreKind, { name: string; image: string; port: number }> = {
  redis: { name: "slipway-sessions-redis", image: REDIS_IMAGE, port: 6379 },
  memcached: { name: "slipway-sessions-memcached", image: MEMCACHED_IMAGE, port: 11211 },
};

export interface SessionStore {
  kind: SessionStoreKind;
  id: string;
  /** The container's name: its host name on the sessions network. */
  host: string;
  port: number;
  action: "kept" | "started" | "created";
}

/**
 * Makes the shared session store of this kind run on its internal network (both created when missing) and
 * says where PHP finds it. `name` and `image` default to Slipway's; tests pass their own.
 */
export async function ensureSessionStore(
  docker: Pick<DockerPort, "containers" | "networks">,
  kind: SessionStoreKind,
  options: { network: string; labels: Labels; name?: string; image?: string },
): Promise<SessionStore> {
  const store = STORES[kind];
  const name = options.name ?? store.name;
  const found = (id: string, action: SessionStore["action"]): SessionStore => ({ kind, id, host: name, port: store.port, action });
  await docker.networks.ensure(options.network, { labels: options.labels, internal: true });

  const existing = await docker.containers.inspect(name).catch((error: unknown) => {
    if (error instanceof DockerError && error.kind === "not_found") return null;
    throw error;
  });
  if (existing && existing.labels[MANAGED_LABEL] !== "true") {
    throw new DockerError("conflict", `A container named ${name} exists but Slipway did not create it; remove or rename it so the ${kind} session store can start.`);
  }
  if (existing?.running) return found(existing.id, "kept");
  if (existing) {
    await docker.containers.start(existing.id);
    return found(existing.id, "started");
  }
  const { id } = await docker.containers.create({
    name,
    image: options.image ?? store.image,
    labels: { ...options.labels, "slipway.session-store": kind },
    networkMode: options.network,
    restartPolicy: "unless-stopped",
    stopTimeoutSeconds: 5,
  });
  await docker.containers.start(id);
  return found(id, "created");
}

/** PHP ini lines that keep sessions in the store (for a site's conf.d). */
export function sessionIni(kind: SessionStoreKind, host: string, port: number): string {
  // Both end up inside a quoted ini value: only a plain host name or address and a port are accepted.
  if (!/^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/.test(host)) throw new Error(`invalid session store host ${JSON.stringify(host)}`);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`invalid session store port ${port}`);
  const savePath = kind === "redis" ? `tcp://${host}:${port}` : `${host}:${port}`;
  return [`; Slipway: PHP sessions in the shared ${kind} store`, `session.save_handler = ${kind}`, `session.save_path = "${savePath}"`, ""].join("\n");
}
