import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import type { DockerPort } from "@/server/docker/port";
import { MANAGED_LABEL } from "@/server/docker/labels";
import type { EngineMonitor, EngineStatus } from "@/server/system/engine-monitor";
import { listManagedContainers, type ManagedContainer } from "./list-managed-containers";

export interface ContainersSnapshot {
  engine: EngineStatus;
  containers: ManagedContainer[];
  /** Set when the list could not be read although the engine answered a ping. */
  error: string | null;
}

/**
 * Snapshots of Slipway's containers: one at once, then one after each burst of Docker events
 * (debounced) or engine status change. Ends when the signal aborts.
 */
export async function* watchManagedContainers(docker: DockerPort, engine: EngineMonitor, signal: AbortSignal): AsyncGenerator<ContainersSnapshot> {
  let dirty = true;
  let wake: (() => void) | null = null;
  const poke = () => {
    dirty = true;
    wake?.();
  };
  const unsubscribe = engine.subscribe(poke);
  const pump = followEvents(docker, engine, signal, poke);
  try {
    while (!signal.aborted) {
      if (!dirty) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          signal.addEventListener("abort", () => resolve(), { once: true });
        });
        wake = null;
        if (signal.aborted) break;
        await sleep(150, undefined, { signal }).catch(() => undefined); // gather a burst of events into one snapshot
      }
      dirty = false;
      yield await snapshot(docker, engine);
    }
  } finally {
    unsubscribe();
    await pump;
  }
}

async function snapshot(docker: DockerPort, engine: EngineMonitor): Promise<ContainersSnapshot> {
  const status = engine.status.reachable ? engine.status : await engine.check();
  if (!status.reachable) return { engine: status, containers: [], error: null };
  try {
    return { engine: status, containers: await listManagedContainers(docker), error: null };
  } catch (error) {
    return { engine: await engine.check(), containers: [], error: error instanceof Error ? error.message : String(error) };
  }
}

/** Pokes on every event of a managed container; re-subscribes after the engine comes back. */
async function followEvents(docker: DockerPort, engine: EngineMonitor, signal: AbortSignal, poke: () => void): Promise<void> {
  while (!signal.aborted) {
    try {
      for await (const event of docker.events({ labels: { [MANAGED_LABEL]: "true" }, types: ["container"] }, signal)) {
        if (event.type === "container") poke();
      }
    } catch {
      // The engine went away: the monitor reports it; try again shortly.
      void engine.check();
      poke();
    }
    await sleep(2_000, undefined, { signal }).catch(() => undefined);
  }
}
