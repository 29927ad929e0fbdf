import "server-only";
import type { DockerPort } from "@/server/docker/port";
import { contextHash, tarContext, type ContextFile } from "./build-context";

export const CONTEXT_HASH_LABEL = "slipway.context-hash";

export interface ImageBuild {
  tag: string;
  files: ContextFile[];
  dockerfile?: string;
  buildArgs?: Record<string, string>;
  /** Extra labels (slipway.*) for the image. */
  labels?: Record<string, string>;
}

export type EnsureResult = { tag: string; built: boolean; hash: string };

/**
 * Builds the image unless one with this tag was already built from the same context (same
 * content hash label). `force` rebuilds anyway. Same path as user-declared build sources.
 */
export async function ensureImage(
  docker: DockerPort,
  build: ImageBuild,
  options: { force?: boolean; onOutput?: (line: string) => void; signal?: AbortSignal } = {},
): Promise<EnsureResult> {
  const hash = await contextHash(build.files, build.buildArgs);
  const existing = await docker.images.inspect(build.tag);
  if (existing && existing.labels[CONTEXT_HASH_LABEL] === hash && !options.force) return { tag: build.tag, built: false, hash };
  await docker.images.build({
    context: tarContext(build.files),
    tag: build.tag,
    dockerfile: build.dockerfile,
    buildArgs: build.buildArgs,
    // No slipway.managed here: containers inherit image labels, and only what Slipway itself runs is "managed".
    labels: { ...build.labels, [CONTEXT_HASH_LABEL]: hash },
    onOutput: options.onOutput,
    signal: options.signal,
  });
  return { tag: build.tag, built: true, hash };
}
