import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Db } from "@/server/db";
import { loadMasterKey } from "@/server/crypto/master-key";
import type { DockerPort } from "@/server/docker/port";
import { createDeployKey } from "@/server/keys/create-deploy-key";
import { RunLogStore } from "@/server/logs/run-log-store";
import { RunEngine } from "@/server/runs/run-engine";
import type { RunDeps } from "@/server/runs/run-deps";
import { saveTask } from "@/server/tasks/save-task";
import { taskInput } from "@/server/tasks/task-input";
import type { SiteRuntime } from "@/server/sites/site-runtime";
import type { GitHost } from "./git-host";

/** A run engine on a test database and data directory, with its containers on the git host's network. */
export function createRunHarness(db: Db, docker: DockerPort, dataDir: string, gitHost: GitHost, sites?: SiteRuntime) {
  const masterKey = loadMasterKey(dataDir);
  const store = new RunLogStore(path.join(dataDir, "logs"));
  const deps: RunDeps = { db, docker, store, masterKey, network: gitHost.network, sites };
  const engine = new RunEngine(deps);

  return {
    deps,
    store,
    engine,
    masterKey,
    /** A deploy key authorized on the git host. */
    async authorizedKey(name: string) {
      const key = await createDeployKey(db, masterKey, { name });
      await gitHost.authorizeKey(key.publicKey);
      return key;
    },
    async task(input: Record<string, unknown>) {
      return saveTask(db, taskInput.parse(input));
    },
    /** The run's whole log as text. */
    async logText(runId: string) {
      const chunks = await store.read(runId, 0, 64 * 1024 * 1024);
      return Buffer.concat(chunks.map((c) => Buffer.from(c.data))).toString("utf8");
    },
    /** Removes the run containers and worktree volumes this database's tasks created. */
    async cleanup() {
      await engine.stop();
      const runIds = new Set((await db.run.findMany({ select: { id: true } })).map((r) => r.id));
      const taskIds = new Set([...(await db.task.findMany({ select: { id: true } })), ...(await db.site.findMany({ select: { id: true } }))].map((t) => t.id));
      for (const c of await docker.containers.list({ labels: { "slipway.kind": "run" } })) {
        if (runIds.has(c.labels["slipway.run-id"] ?? "")) await docker.containers.remove(c.id, { force: true }).catch(() => undefined);
      }
      for (const v of await docker.volumes.list({ "slipway.kind": "worktree" })) {
        if (taskIds.has(v.labels["slipway.owner"] ?? "")) await docker.volumes.remove(v.name).catch(() => undefined);
      }
    },
    async waitForStatus(runId: string, statuses: string[], timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const run = await db.run.findUniqueOrThrow({ where: { id: runId }, include: { steps: { orderBy: { position: "asc" } } } });
        if (statuses.includes(run.status)) return run;
        if (Date.now() > deadline) throw new Error(`run ${runId} is ${run.status}, not ${statuses.join("/")}, after ${timeoutMs} ms`);
        await sleep(100);
      }
    },
  };
}
