import "server-only";
import { dockerCall, type CallOptions } from "./call";
import type { DockerEndpoint } from "./client";
import { labelFilter } from "./labels";
import type { Labels, VolumeInfo } from "./types";

interface RawVolume {
  Name: string;
  Labels: Labels | null;
  Mountpoint: string;
  CreatedAt?: string;
}

const toVolume = (v: RawVolume): VolumeInfo => ({
  name: v.Name,
  labels: v.Labels ?? {},
  mountpoint: v.Mountpoint,
  createdAt: v.CreatedAt ?? null,
});

export function volumeOps({ docker, label }: DockerEndpoint) {
  const call = <T>(doing: string, options: CallOptions | undefined, fn: (signal: AbortSignal) => Promise<T>) =>
    dockerCall(label, doing, options, fn);

  return {
    /** Creating a volume that exists returns the existing one (Docker's own semantics). */
    create: (name: string, labels: Labels, options?: CallOptions): Promise<VolumeInfo> =>
      call(`creating volume ${name}`, options, async (abortSignal) => {
        // dockerode resolves createVolume with a Volume handle, not the engine's description of it.
        const volume = await docker.createVolume({ Name: name, Labels: labels, abortSignal });
        return toVolume((await volume.inspect({ abortSignal })) as unknown as RawVolume);
      }),

    inspect: (name: string, options?: CallOptions): Promise<VolumeInfo | null> =>
      call(`inspecting volume ${name}`, options, async (abortSignal) => {
        try {
          return toVolume((await docker.getVolume(name).inspect({ abortSignal })) as unknown as RawVolume);
        } catch (error) {
          if ((error as { statusCode?: number }).statusCode === 404) return null;
          throw error;
        }
      }),

    list: (labels: Record<string, string | true>, options?: CallOptions): Promise<VolumeInfo[]> =>
      call("listing volumes", options, async (abortSignal) => {
        const result = await docker.listVolumes({ filters: { label: labelFilter(labels) }, abortSignal });
        return ((result.Volumes ?? []) as unknown as RawVolume[]).map(toVolume);
      }),

    remove: (name: string, options?: CallOptions): Promise<void> =>
      call(`removing volume ${name}`, options, async (abortSignal) => {
        await docker.getVolume(name).remove({ abortSignal });
      }),
  };
}

export type VolumeOps = ReturnType<typeof volumeOps>;
