import "server-only";
import { readSettings } from "@/server/settings/settings";
import { instanceId } from "@/server/settings/instance-id";
import { INSTANCE_LABEL, RUN_LABEL, TASK_LABEL } from "./run-labels";
import type { RunDeps } from "./run-deps";

/**
 * Finished runs keep their (stopped) containers for inspection and retry, until this removes them:
 * beyond the last N runs of a task, or older than the maximum age. Volumes are never touched.
 */
export async function evictRunContainers(deps: RunDeps, taskId?: string): Promise<number> {
  const { db, docker } = deps;
  const { keepRunContainersPerTask, runContainerMaxAgeHours } = await readSettings(db);
  // Only this installation's containers: another Slipway (or a test) on the same engine keeps its own.
  const labels = { "slipway.kind": "run", [INSTANCE_LABEL]: await instanceId(db), ...(taskId ? { [TASK_LABEL]: taskId } : {}) };
  const containers = await docker.containers.list({ labels });
  const byTask = new Map<string, Map<string, typeof containers>>();
  for (const c of containers) {
    const task = c.labels[TASK_LABEL] ?? "";
    const run = c.labels[RUN_LABEL] ?? "";
    const runs = byTask.get(task) ?? new Map<string, typeof containers>();
    runs.set(run, [...(runs.get(run) ?? []), c]);
    byTask.set(task, runs);
  }
  const maxAge = runContainerMaxAgeHours * 3600_000;
  // Order by when the runs were created (ms), not container times (whole seconds: ties).
  const runIds = [...new Set(containers.map((c) => c.labels[RUN_LABEL] ?? ""))];
  const created = new Map((await db.run.findMany({ where: { id: { in: runIds } }, select: { id: true, createdAt: true } })).map((r) => [r.id, r.createdAt.getTime()]));
  const when = (runId: string, group: { createdAt: string }[]) => created.get(runId) ?? newest(group);
  let removed = 0;
  for (const runs of byTask.values()) {
    const newestFirst = [...runs.entries()].sort(([a, ga], [b, gb]) => when(b, gb) - when(a, ga));
    for (const [index, [, group]] of newestFirst.entries()) {
      const old = Date.now() - newest(group) > maxAge;
      if (index < keepRunContainersPerTask && !old) continue;
      for (const c of group) {
        if (c.state === "running" || c.state === "restarting") continue;
        await docker.containers.remove(c.id).then(() => removed++, () => undefined);
      }
    }
  }
  return removed;
}

function newest(group: { createdAt: string }[]): number {
  return Math.max(...group.map((c) => Date.parse(c.createdAt)));
}
