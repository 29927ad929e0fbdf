import "server-only";
import type Docker from "dockerode";
import { dockerCall, type CallOptions } from "./call";
import type { DockerEndpoint } from "./client";
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

  return {
    create: (name: string, opts: { labels: Labels; internal?: boolean }, options?: CallOptions): Promise<{ id: string }> =>
      call(`creating network ${name}`, options, async (abortSignal) => {
        const network = await docker.createNetwork({
          Name: name,
          Labels: opts.labels,
          Internal: opts.internal ?? false,
          CheckDuplicate: true,
          abortSignal,
        });
        return { id: network.id };
      }),

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
