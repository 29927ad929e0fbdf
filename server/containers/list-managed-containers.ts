import "server-only";
import type { DockerPort } from "@/server/docker/port";
import { MANAGED_LABEL } from "@/server/docker/labels";

export interface ManagedContainer {
  id: string;
  name: string;
  image: string;
  state: string;
  health: string | null;
  status: string;
  startedAt: string | null;
  createdAt: string;
  labels: Record<string, string>;
}

/** Every container Slipway manages (label slipway.managed=true), with health and start time. */
export async function listManagedContainers(docker: DockerPort): Promise<ManagedContainer[]> {
  const summaries = await docker.containers.list({ labels: { [MANAGED_LABEL]: "true" } });
  const rows = await Promise.all(
    summaries.map(async (summary): Promise<ManagedContainer | null> => {
      // A container removed between list and inspect simply drops out of this snapshot.
      const details = await docker.containers.inspect(summary.id).catch(() => null);
      if (!details) return null;
      return {
        id: summary.id,
        name: summary.name,
        image: summary.image,
        state: details.state,
        health: details.health,
        status: summary.status,
        startedAt: details.running ? details.startedAt : null,
        createdAt: summary.createdAt,
        labels: summary.labels,
      };
    }),
  );
  return rows.filter((row): row is ManagedContainer => row !== null).sort((a, b) => a.name.localeCompare(b.name));
}
