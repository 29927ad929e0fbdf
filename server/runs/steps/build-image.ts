import "server-only";
import { Readable } from "node:stream";
import { CHECKOUT_IMAGE } from "@/server/images/slipway-images";
import type { RunDeps } from "../run-deps";

export interface ImageFromVolume {
  runId: string;
  /** Name of the short-lived container that tars the context. */
  contextContainer: string;
  contextLabels: Record<string, string>;
  volume: string;
  dockerfile: string;
  tag: string;
  imageLabels: Record<string, string>;
  signal?: AbortSignal;
}

/**
 * Builds an image from a Dockerfile in a worktree volume. The context is tarred by a short-lived container
 * that mounts the volume read-only (works with a remote engine too) and streamed into the engine's build;
 * the build output goes to the run's log. Throws when the build fails.
 */
export async function buildImageFromVolume(deps: RunDeps, input: ImageFromVolume): Promise<void> {
  const { docker, store } = deps;
  const { id } = await docker.containers.create({
    name: input.contextContainer,
    image: CHECKOUT_IMAGE,
    cmd: ["tar", "-C", "/context", "--exclude=./.git", "-cf", "-", "."],
    labels: input.contextLabels,
    mounts: [{ type: "volume", source: input.volume, target: "/context", readOnly: true }],
    networkMode: "none",
  });
  try {
    const output = await docker.containers.attach(id, { signal: input.signal });
    await docker.containers.start(id);
    const context = Readable.from(
      (async function* () {
        for await (const chunk of output) {
          if (chunk.stream === "stdout") yield chunk.data;
          else await store.append(input.runId, "stderr", chunk.data);
        }
      })(),
    );
    await docker.images.build({
      context,
      tag: input.tag,
      dockerfile: input.dockerfile,
      labels: input.imageLabels,
      onOutput: (line) => {
        void store.append(input.runId, "stdout", `${line}\n`);
      },
      signal: input.signal,
    });
  } finally {
    await docker.containers.remove(id, { force: true }).catch(() => undefined);
  }
}
