import "server-only";
import type Docker from "dockerode";
import { dockerCall, type CallOptions } from "./call";
import { DockerError } from "./errors";
import type { DockerEndpoint } from "./client";
import type { BuildRequest, ImageInfo } from "./types";

interface ProgressMessage {
  stream?: string;
  status?: string;
  progress?: string;
  error?: string;
  errorDetail?: { message?: string };
  aux?: { ID?: string };
}

/** Follows a build/pull/import progress stream to its end; rejects on the first error message in it. */
function followProgress(docker: Docker, stream: NodeJS.ReadableStream, doing: string, onOutput?: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let failure: string | null = null;
    docker.modem.followProgress(
      stream,
      (error: Error | null) => {
        if (error) reject(error);
        else if (failure) reject(new DockerError("engine", `Docker failed while ${doing}: ${failure}`));
        else resolve();
      },
      (event: ProgressMessage) => {
        if (event.error) failure = event.errorDetail?.message ?? event.error;
        const line = event.stream ?? (event.status ? [event.status, event.progress].filter(Boolean).join(" ") : undefined);
        if (line && onOutput) for (const part of line.split("\n")) if (part.trim()) onOutput(part);
      },
    );
  });
}

export function imageOps({ docker, label }: DockerEndpoint) {
  const call = <T>(doing: string, options: CallOptions | undefined, fn: (signal: AbortSignal) => Promise<T>) =>
    dockerCall(label, doing, options, fn);

  const inspect = (ref: string, options?: CallOptions): Promise<ImageInfo | null> =>
    call(`inspecting image ${ref}`, options, async (abortSignal) => {
      try {
        // @types/dockerode lacks abortSignal on image inspect; docker-modem honours it.
        const info = await docker.getImage(ref).inspect({ abortSignal } as Docker.ImageInspectOptions);
        return {
          id: info.Id,
          tags: info.RepoTags ?? [],
          labels: info.Config?.Labels ?? {},
          createdAt: info.Created,
          sizeBytes: info.Size,
        };
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode === 404) return null;
        throw error;
      }
    });

  return {
    /** The image's details, or null when the engine has no image by that name. */
    inspect,

    exists: async (ref: string, options?: CallOptions): Promise<boolean> => (await inspect(ref, options)) !== null,

    /** Builds from a tar context. Bounded by `timeoutMs` (default 20 minutes). */
    build: (request: BuildRequest, options?: CallOptions): Promise<void> =>
      call(`building image ${request.tag}`, { timeoutMs: 20 * 60_000, signal: request.signal, ...options }, async (abortSignal) => {
        const stream = await docker.buildImage(request.context, {
          t: request.tag,
          dockerfile: request.dockerfile ?? "Dockerfile",
          buildargs: request.buildArgs,
          labels: request.labels,
          pull: request.pull ?? false,
          rm: true,
          forcerm: true,
          abortSignal,
        });
        await followProgress(docker, stream, `building image ${request.tag}`, request.onOutput);
      }),

    pull: (ref: string, onOutput?: (line: string) => void, options?: CallOptions): Promise<void> =>
      call(`pulling image ${ref}`, { timeoutMs: 20 * 60_000, ...options }, async (abortSignal) => {
        const stream = await docker.pull(ref, { abortSignal });
        await followProgress(docker, stream, `pulling image ${ref}`, onOutput);
      }),

    /** Imports a root filesystem tarball as an image (`docker import`). */
    importRootfs: (tar: NodeJS.ReadableStream, ref: string, options?: CallOptions): Promise<void> =>
      call(`importing image ${ref}`, { timeoutMs: 10 * 60_000, ...options }, async (abortSignal) => {
        const [repo, tag = "latest"] = splitRef(ref);
        const stream = await docker.importImage(tar, { repo, tag, abortSignal });
        await followProgress(docker, stream, `importing image ${ref}`);
      }),

    remove: (ref: string, opts: { force?: boolean } = {}, options?: CallOptions): Promise<void> =>
      call(`removing image ${ref}`, options, async (abortSignal) => {
        await docker.getImage(ref).remove({ force: opts.force ?? false, abortSignal });
      }),
  };
}

function splitRef(ref: string): [string, string | undefined] {
  const colon = ref.lastIndexOf(":");
  if (colon > ref.lastIndexOf("/")) return [ref.slice(0, colon), ref.slice(colon + 1)];
  return [ref, undefined];
}

export type ImageOps = ReturnType<typeof imageOps>;
