import "server-only";
import type { ContainerSpec } from "@/server/docker/types";
import { DockerError } from "@/server/docker/errors";
import { OutputTail } from "./output-tail";
import { pumpContainerOutput } from "./pump-output";
import type { RunDeps } from "./run-deps";
import { isEngineLoss, waitForEngine } from "./wait-for-engine";

export interface StepRef {
  id: string;
  runId: string;
  containerId: string | null;
  logOffset: number | null;
}

export interface StepContainerResult {
  exitCode: number;
  tail: OutputTail;
  /** Set when the container disappeared under the run. */
  vanished?: string;
}

/**
 * Runs one step's container to its end, or picks up the one it already started (after a panel or
 * engine restart): the container id and the log offset are recorded before the container starts.
 * `stdin` (a deploy key) goes in over the engine's socket right after the start.
 */
export async function runStepContainer(
  deps: RunDeps,
  step: StepRef,
  spec: ContainerSpec | null,
  options: { secrets: string[]; stdin?: Buffer; signal?: AbortSignal; afterStart?: (containerId: string) => Promise<void> },
): Promise<StepContainerResult> {
  const { db, docker, store } = deps;
  let containerId = step.containerId;
  let logOffset = step.logOffset;
  if (!containerId) {
    if (!spec) throw new Error("a step without a container needs a container spec");
    logOffset = (await store.stat(step.runId)).size;
    containerId = (await docker.containers.create(spec)).id;
    await db.runStep.update({ where: { id: step.id }, data: { containerId, logOffset } });
    await docker.containers.start(containerId);
    if (options.stdin) await docker.containers.writeStdin(containerId, options.stdin);
    await options.afterStart?.(containerId);
  }
  const tail = new OutputTail();
  for (;;) {
    try {
      const stored = (await store.stat(step.runId)).size - (logOffset ?? 0);
      const replay = new OutputTail();
      await pumpContainerOutput({ docker, store, runId: step.runId, containerId, secrets: options.secrets, skipBytes: stored, tail: replay, signal: options.signal });
      const { exitCode } = await docker.containers.wait(containerId, { signal: options.signal });
      return { exitCode, tail: replay };
    } catch (error) {
      if (error instanceof DockerError && error.kind === "not_found") {
        return { exitCode: -1, tail, vanished: `Its container ${containerId.slice(0, 12)} no longer exists (removed outside Slipway?).` };
      }
      if (!isEngineLoss(error)) throw error;
      await waitForEngine(docker, options.signal);
      if (options.signal?.aborted) throw error;
    }
  }
}
