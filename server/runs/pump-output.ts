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
  const { docker, store, runId, containerId, tail } = options;
  const maskers = { stdout: new SecretMasker(options.secrets), stderr: new SecretMasker(options.secrets) };
  let skip = options.skipBytes;
  const emit = async (stream: "stdout" | "stderr", masked: Buffer) => {
    let out = masked;
    if (skip > 0) {
      const n = Math.min(skip, out.length);
      out = out.subarray(n);
      skip -= n;
    }
    if (out.length > 0) await store.append(runId, stream, out);
  };
  for await (const chunk of docker.containers.logs(containerId, { follow: true, signal: options.signal })) {
    tail.push(chunk.data);
    await emit(chunk.stream, maskers[chunk.stream].push(chunk.data));
  }
  await emit("stdout", maskers.stdout.end());
  await emit("stderr", maskers.stderr.end());
}
