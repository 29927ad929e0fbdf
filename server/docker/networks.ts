import "server-only";
import type Docker from "dockerode";
import { dockerCall, type CallOptions } from "./call";
import type { DockerEndpoint } from "./client";
import { DockerError } from "./errors";
import { labelFilter } from "./labels";
import type { Labels, NetworkInfo } from "./types";

const toNetwork = (n: Docker.NetworkInspectInfo): NetworkInfo => ({
  id: n.Id,
  name: n.Name,
  driver: n.Driver,
  internal: n.Internal,
  labels: n.Labels ?? {},
});

export function networkOps({ docker, label }: DockerEndpoint) {
  const call = <T>(doing: string, options: CallOptions | undefined, fn: (signal: AbortSignal) => Promise<T>) =>
    dockerCall(label, doing, options, fn);

  const create = (name: string, opts: { labels: Labels; internal?: boolean }, options?: CallOptions): Promise<{ id: string }> =>
    call(`creating network ${name}`, options, async (abortSignal) => {
      const network = await docker.createNetwork({
        Name: name,
        Labels: opts.labels,
        Internal: opts.internal ?? false,
        CheckDuplicate: true,
        abortSignal,
      });
      return { id: network.id };
    });

  const inspect = (network: string, options?: CallOptions): Promise<NetworkInfo | null> =>
    call(`inspecting network ${network}`, options, async (abortSignal) => {
      try {
        // @types/dockerode lacks the options argument of network inspect; dockerode passes abortSignal to docker-modem.
        const handle = docker.getNetwork(network) as unknown as { inspect(options: { abortSignal: AbortSignal }): Promise<Docker.NetworkInspectInfo> };
        return toNetwork(await handle.inspect({ abortSignal }));
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode === 404) return null;
        throw error;
      }
    });

  return {
    create,

    /** The network by name or id, or null when the engine has none. */
    inspect,

    /**
     * The network by name, created when missing. An existing one must agree on `internal`: a store meant to be
     * unreachable from outside must never silently land on a routed network.
     */
    ensure: async (name: string, opts: { labels: Labels; internal?: boolean }, options?: CallOptions): Promise<{ id: string; created: boolean }> => {
      const internal = opts.internal ?? false;
      let network = await inspect(name, options);
      if (!network) {
        try {
          return { id: (await create(name, opts, options)).id, created: true };
        } catch (error) {
          // Created by someone else in the meantime: use theirs (after the same check).
          if (!(error instanceof DockerError && error.kind === "conflict")) throw error;
          network = await inspect(name, options);
          if (!network) throw error;
        }
      }
      if (network.internal !== internal) {
        throw new DockerError("conflict", `Network ${name} exists but is ${network.internal ? "internal" : "not internal"}; Slipway needs it ${internal ? "internal" : "routed"}. Remove it (and the containers on it) so Slipway can create it again.`);
      }
      return { id: network.id, created: false };
    },

    list: (labels: Record<string, string | true>, options?: CallOptions): Promise<NetworkInfo[]> =>
      call("listing networks", options, async (abortSignal) =>
        (await docker.listNetworks({ filters: { label: labelFilter(labels) }, abortSignal })).map(toNetwork),
      ),

    connect: (network: string, containerId: string, aliases: string[] = [], options?: CallOptions): Promise<void> =>
      call(`connecting container ${containerId} to network ${network}`, options, async (abortSignal) => {
        const request: Docker.NetworkConnectOptions & { abortSignal: AbortSignal } = { Container: containerId, EndpointConfig: { Aliases: aliases }, abortSignal };
        await docker.getNetwork(network).connect(request);
      }),

    remove: (network: string, options?: CallOptions): Promise<void> =>
      call(`removing network ${network}`, options, async (abortSignal) => {
        await docker.getNetwork(network).remove({ abortSignal });
      }),
  };
}

export type NetworkOps = ReturnType<typeof networkOps>;
