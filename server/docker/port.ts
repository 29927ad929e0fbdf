import "server-only";
import { dockerCall, type CallOptions } from "./call";
import { createDockerEndpoint, type DockerEndpoint } from "./client";
import { containerOps } from "./containers";
import { streamEvents, type EventFilter } from "./events";
import { execOps } from "./exec";
import { imageOps } from "./images";
import { networkOps } from "./networks";
import type { DockerEvent, EngineVersion } from "./types";
import { volumeOps } from "./volumes";

// @types/dockerode omits the options argument of ping/version; dockerode passes abortSignal through to docker-modem.
interface SignalledCalls {
  ping(options: { abortSignal: AbortSignal }): Promise<unknown>;
  version(options: { abortSignal: AbortSignal }): Promise<{ Version: string; ApiVersion: string; Os: string; Arch: string }>;
}

/** The typed port every other module uses to talk to Docker. Nothing outside server/docker/ imports dockerode. */
export function createDockerPort(endpoint: DockerEndpoint) {
  const { label } = endpoint;
  const docker = endpoint.docker as unknown as SignalledCalls;
  return {
    endpoint: label,
    ping: (options?: CallOptions): Promise<void> =>
      dockerCall(label, "pinging the engine", { timeoutMs: 3_000, ...options }, async (abortSignal) => {
        await docker.ping({ abortSignal });
      }),
    version: (options?: CallOptions): Promise<EngineVersion> =>
      dockerCall(label, "reading the engine version", { timeoutMs: 5_000, ...options }, async (abortSignal) => {
        const v = await docker.version({ abortSignal });
        return { version: v.Version, apiVersion: v.ApiVersion, os: v.Os, arch: v.Arch };
      }),
    containers: containerOps(endpoint),
    images: imageOps(endpoint),
    volumes: volumeOps(endpoint),
    networks: networkOps(endpoint),
    exec: execOps(endpoint),
    events: (filter: EventFilter, signal: AbortSignal): AsyncGenerator<DockerEvent> => streamEvents(endpoint, filter, signal),
  };
}

export type DockerPort = ReturnType<typeof createDockerPort>;

export function dockerPortFor(host: string | undefined): DockerPort {
  return createDockerPort(createDockerEndpoint(host));
}

export type { DockerEndpoint };
export * from "./types";
export { DockerError } from "./errors";
export { slipwayLabels, MANAGED_LABEL } from "./labels";
