import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import type { DockerPort } from "@/server/docker/port";
import { DockerError } from "@/server/docker/errors";

/** True for failures that mean "the engine went away", after which the work resumes when it is back. */
export function isEngineLoss(error: unknown): boolean {
  return error instanceof DockerError && (error.kind === "unreachable" || error.kind === "timeout");
}

/** Waits until the engine answers again (checking every second), or the signal aborts. */
export async function waitForEngine(docker: DockerPort, signal?: AbortSignal): Promise<void> {
  while (!signal?.aborted) {
    try {
      await docker.ping({ timeoutMs: 2_000 });
      return;
    } catch {
      await sleep(1_000, undefined, { signal }).catch(() => undefined);
    }
  }
}
