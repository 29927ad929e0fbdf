import "server-only";
import type { DockerPort } from "@/server/docker/port";
import type { RunLogStore } from "@/server/logs/run-log-store";
import { SecretMasker } from "@/server/logs/secret-masker";
import type { OutputTail } from "./output-tail";

export interface PumpOptions {
  docker: DockerPort;
  store: RunLogStore;
  runId: string;
  containerId: string;
  secrets: string[];
  /**
   * Bytes of this container's (masked) output the store already holds: after a panel or engine restart
   * the output is read again from the start and this many bytes are skipped, so nothing is lost or doubled.
   */
  skipBytes: number;
  tail: OutputTail;
  signal?: AbortSignal;
}

/**
 * Copies a container's stdout/stderr into the run's log until the container stops. Masking happens
 * here, before bytes get offsets; Docker replays a container's output in the same frames every time,
 * so the masked stream (and so `skipBytes`) is the same on every read.
 */
export async function pumpContainerOutput(options: PumpOptions): Promise<void> {
  await options.store.appendFrom(options.runId, maskedOutput(options));
}

/** The container's output, masked, minus what the store already has; the store batches the writes. */
async function* maskedOutput(options: PumpOptions): AsyncGenerator<{ stream: "stdout" | "stderr"; data: Buffer }> {
  const { docker, containerId, tail } = options;
  const maskers = { stdout: new SecretMasker(options.secrets), stderr: new SecretMasker(options.secrets) };
  let skip = options.skipBytes;
  const unseen = (masked: Buffer): Buffer => {
    if (skip <= 0) return masked;
    const n = Math.min(skip, masked.length);
    skip -= n;
    return masked.subarray(n);
  };
  for await (const chunk of docker.containers.logs(containerId, { follow: true, signal: options.signal })) {
    tail.push(chunk.data);
    const data = unseen(maskers[chunk.stream].push(chunk.data));
    if (data.length > 0) yield { stream: chunk.stream, data };
  }
  for (const stream of ["stdout", "stderr"] as const) {
    const data = unseen(maskers[stream].end());
    if (data.length > 0) yield { stream, data };
  }
}
