import "server-only";
import { createHash } from "node:crypto";
import { mkdir } from "node:fs/promises";
import type { DockerPort } from "@/server/docker/port";
import { DockerError } from "@/server/docker/errors";
import { MANAGED_LABEL } from "@/server/docker/labels";
import type { ContainerDetails, Labels, Mount } from "@/server/docker/types";
import { FRONT_CONTAINER_STATE_DIR, ensureFrontStateDir } from "./front-state-dir";

/** Where every site's directory is inside the front container (read-only) and, one site each, in its sidecars. */
export const CONTAINER_SITES_DIR = "/srv/slipway/sites";
/** Hash of the settings the running front container was created with: it is recreated only when they change. */
export const FRONT_SETTINGS_LABEL = "slipway.front-settings";

export interface FrontContainerOptions {
  /** Container name, e.g. slipway-front. */
  name: string;
  /** Image tag, e.g. FRONT_IMAGE. */
  image: string;
  httpPort: number;
  httpsPort: number;
  /** Host address the ports are published on (default 0.0.0.0). */
  bindAddress?: string;
  /** Host path of the front state dir (mounted read-write at /etc/slipway/front). */
  stateDir: string;
  /** Host path holding each site's directory (mounted read-only at /srv/slipway/sites). */
  sitesDir: string;
  /** The network the front shares with the sites' sidecars; created when missing. */
  network: string;
  labels: Labels;
}

export type FrontContainerAction = "kept" | "started" | "created" | "recreated";

export type FrontDocker = Pick<DockerPort, "containers" | "images" | "networks">;

/**
 * Makes the front container exist and run with these settings. A running container created with the same
 * settings (image id, ports, mounts, network) is left alone; different settings replace it.
 */
export async function ensureFrontContainer(docker: FrontDocker, options: FrontContainerOptions): Promise<{ id: string; action: FrontContainerAction }> {
  const image = await docker.images.inspect(options.image);
  if (!image) throw new DockerError("not_found", `The front server image ${options.image} is missing; build Slipway's images (./slipway run does) and try again.`);
  const bindAddress = options.bindAddress ?? "0.0.0.0";
  const mounts: Mount[] = [
    { type: "bind", source: options.stateDir, target: FRONT_CONTAINER_STATE_DIR },
    { type: "bind", source: options.sitesDir, target: CONTAINER_SITES_DIR, readOnly: true },
  ];
  const ports = { "80/tcp": { hostPort: options.httpPort, hostIp: bindAddress }, "443/tcp": { hostPort: options.httpsPort, hostIp: bindAddress } };
  const settings = settingsHash({ imageId: image.id, ports, mounts, network: options.network });

  await docker.networks.ensure(options.network, { labels: options.labels });
  await ensureFrontStateDir(options.stateDir);
  await mkdir(options.sitesDir, { recursive: true, mode: 0o755 });

  const existing = await inspectByName(docker, options.name);
  if (existing && existing.labels[MANAGED_LABEL] !== "true") {
    throw new DockerError("conflict", `A container named ${options.name} exists but Slipway did not create it; remove or rename it so the front server can start.`);
  }
  if (existing && existing.labels[FRONT_SETTINGS_LABEL] === settings) {
    if (existing.running) return { id: existing.id, action: "kept" };
    await start(docker, existing.id, options);
    return { id: existing.id, action: "started" };
  }
  if (existing) {
    // SIGQUIT (the image's stop signal) lets nginx finish in-flight requests before the replacement binds the ports.
    await docker.containers.stop(existing.id, 10);
    await docker.containers.remove(existing.id, { force: true });
  }
  const { id } = await docker.containers.create({
    name: options.name,
    image: options.image,
    labels: { ...options.labels, [FRONT_SETTINGS_LABEL]: settings },
    networkMode: options.network,
    mounts,
    ports,
    restartPolicy: "unless-stopped",
    stopTimeoutSeconds: 15,
  });
  await start(docker, id, options);
  return { id, action: existing ? "recreated" : "created" };
}

function settingsHash(settings: { imageId: string; ports: object; mounts: Mount[]; network: string }): string {
  return createHash("sha256").update(JSON.stringify(settings)).digest("hex").slice(0, 32);
}

async function inspectByName(docker: FrontDocker, name: string): Promise<ContainerDetails | null> {
  try {
    return await docker.containers.inspect(name);
  } catch (error) {
    if (error instanceof DockerError && error.kind === "not_found") return null;
    throw error;
  }
}

/** Starts the container; a host port already in use becomes an error that names the port and the setting to change. */
async function start(docker: FrontDocker, id: string, options: FrontContainerOptions): Promise<void> {
  try {
    await docker.containers.start(id);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!/address already in use|port is already allocated/i.test(message)) throw error;
    const taken = [
      { port: options.httpPort, what: "HTTP", setting: "SLIPWAY_FRONT_HTTP_PORT" },
      { port: options.httpsPort, what: "HTTPS", setting: "SLIPWAY_FRONT_HTTPS_PORT" },
    ].find(({ port }) => new RegExp(`:${port}(?!\\d)`).test(message));
    const address = options.bindAddress ?? "0.0.0.0";
    const detail = taken
      ? `port ${taken.port} on ${address} is already in use, so the front server cannot serve ${taken.what}. Stop what uses it, or set ${taken.setting} to a free port`
      : `one of its ports (${options.httpPort}, ${options.httpsPort}) on ${address} is already in use. Stop what uses it, or set SLIPWAY_FRONT_HTTP_PORT / SLIPWAY_FRONT_HTTPS_PORT to free ports`;
    throw new DockerError("conflict", `The front server cannot start: ${detail} (or SLIPWAY_FRONT_BIND to another address).`, error);
  }
}
