import "server-only";
import { createHash } from "node:crypto";
import { DockerError, type ContainerSpec, type DockerPort } from "@/server/docker/port";
import { canonicalJson } from "@/server/runs/worktree-volume";

export const CONFIG_HASH_LABEL = "slipway.config-hash";

export type EnsureAction = "kept" | "started" | "created" | "recreated";

/**
 * Makes the named long-lived container match `spec`: created when missing, recreated when its spec or
 * image changed (a hash label tells), started when stopped, and otherwise left alone (never restarted
 * needlessly). `extraNetworks` are joined before the first start.
 */
export async function ensureContainer(docker: DockerPort, spec: ContainerSpec & { name: string }, extraNetworks: string[] = []): Promise<{ id: string; action: EnsureAction }> {
  const image = await docker.images.inspect(spec.image);
  if (!image) throw new Error(`Image ${spec.image} is not on this engine: run the set-up again (./slipway setup) to build Slipway's images.`);
  const hash = createHash("sha256").update(canonicalJson({ spec, extraNetworks, image: image.id })).digest("hex").slice(0, 20);
  const existing = await docker.containers.inspect(spec.name).catch((error: unknown) => {
    if (error instanceof DockerError && error.kind === "not_found") return null;
    throw error;
  });
  if (existing && existing.labels[CONFIG_HASH_LABEL] === hash) {
    if (existing.running) return { id: existing.id, action: "kept" };
    await docker.containers.start(existing.id);
    return { id: existing.id, action: "started" };
  }
  if (existing) await docker.containers.remove(existing.id, { force: true });
  const { id } = await docker.containers.create({ ...spec, labels: { ...spec.labels, [CONFIG_HASH_LABEL]: hash } });
  for (const network of extraNetworks) await docker.networks.connect(network, id);
  await docker.containers.start(id);
  return { id, action: existing ? "recreated" : "created" };
}
