import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dockerPortFor } from "@/server/docker/port";
import { updateSettings } from "@/server/settings/settings";
import { evictRunContainers } from "./evict-run-containers";
import { GitHost } from "@/server/testing/git-host";
import { createRunHarness } from "@/server/testing/run-harness";
import { DockerSocketProxy } from "@/server/testing/socket-proxy";
import { createTestDb } from "@/server/testing/test-db";
import { cleanupTestRun, testDocker } from "@/server/testing/test-docker";
import { RunLogStore } from "@/server/logs/run-log-store";
import { RunEngine } from "./run-engine";
import { triggerRun } from "./trigger-run";

const docker = testDocker();
const { db, dataDir, cleanup } = createTestDb();
const gitHost = new GitHost(docker, { suffix: "durable" });
const children: ChildProcess[] = [];
let h: ReturnType<typeof createRunHarness>;

beforeAll(async () => {
  await gitHost.start();
  h = createRunHarness(db, docker, dataDir, gitHost);
  await updateSettings(db, { cancelGraceSeconds: 2, runConcurrency: 4 });
});

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await h?.cleanup();
  await cleanupTestRun(docker);
  await gitHost.stop();
  await cleanup();
});

/** A task whose container prints a counter, one line every `everyMs`. */
function counterTask(name: string, count: number, everyMs = 100) {
  const script = `i=1; while [ $i -le ${count} ]; do echo "count $i"; i=$((i+1)); sleep ${everyMs / 1000}; done`;
  return h.task({ name, image: "slipway/test:latest", command: ["sh", "-c", script] });
}

function counterLines(log: string): number[] {
  return [...log.matchAll(/^count (\d+)$/gm)].map((m) => Number(m[1]));
}

async function waitForLog(runId: string, text: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await h.logText(runId).catch(() => "")).includes(text)) {
    if (Date.now() > deadline) throw new Error(`"${text}" did not appear in run ${runId}'s log`);
    await sleep(100);
  }
}

describe("runs survive what happens around them", () => {
  it("cancels one running run within grace + 1 s and leaves another running run alone", async () => {
    const sleeper = (name: string) => h.task({ name, image: "slipway/test:latest", command: ["sleep", "300"] });
    const [a, b] = [await sleeper("sleep-a"), await sleeper("sleep-b")];
    const [runA, runB] = [await triggerRun(db, a.id, "test"), await triggerRun(db, b.id, "test")];
    h.engine.kick();
    const started = async (runId: string) => {
      const run = await h.waitForStatus(runId, ["running"]);
      for (let i = 0; i < 100 && !(await db.runStep.findFirst({ where: { runId, kind: "task" } }))?.containerId; i++) await sleep(100);
      return run;
    };
    await Promise.all([started(runA.id), started(runB.id)]);

    await h.engine.cancel(runA.id);
    const cancelled = await h.waitForStatus(runA.id, ["cancelled"], 10_000);
    // Measured by the engine's own clock: from the cancel request to the run being marked.
    expect(cancelled.finishedAt!.getTime() - cancelled.cancelRequestedAt!.getTime()).toBeLessThan((2 + 1) * 1000);
    expect(cancelled.steps.at(-1)?.status).toBe("cancelled");
    expect((await db.run.findUniqueOrThrow({ where: { id: runB.id } })).status).toBe("running");
    const containerB = (await db.runStep.findFirstOrThrow({ where: { runId: runB.id, kind: "task" } })).containerId!;
    expect((await docker.containers.inspect(containerB)).running).toBe(true);

    await h.engine.cancel(runB.id);
    await h.waitForStatus(runB.id, ["cancelled"], 10_000);
  });

  it("keeps one run per task: a newer queued run replaces an older queued one", async () => {
    const task = await counterTask("queue", 5, 100);
    const first = await triggerRun(db, task.id, "test");
    h.engine.kick();
    await h.waitForStatus(first.id, ["running"]);
    const second = await triggerRun(db, task.id, "test");
    const third = await triggerRun(db, task.id, "test");
    expect(third.replaced).toBe(1);
    expect(await db.run.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ status: "replaced", replacedById: third.id });
    h.engine.kick();
    const done = await h.waitForStatus(third.id, ["succeeded"]);
    const firstDone = await db.run.findUniqueOrThrow({ where: { id: first.id } });
    expect(firstDone.status).toBe("succeeded");
    expect(done.startedAt!.getTime()).toBeGreaterThanOrEqual(firstDone.finishedAt!.getTime());
  });

  it("loses the engine mid-run and continues the log without a gap or a duplicate when it is back", async () => {
    const proxy = new DockerSocketProxy();
    await proxy.open();
    const engine = new RunEngine({ ...h.deps, docker: dockerPortFor(`unix://${proxy.socketPath}`) });
    try {
      const task = await counterTask("engine-loss", 40, 100);
      const run = await triggerRun(db, task.id, "test");
      engine.kick();
      await waitForLog(run.id, "count 5");
      await proxy.cut();
      await sleep(1_500);
      await proxy.open();
      const done = await h.waitForStatus(run.id, ["succeeded", "failed"]);
      expect(done.status).toBe("succeeded");
      expect(counterLines(await h.logText(run.id))).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    } finally {
      await engine.stop();
      await proxy.cut();
    }
  });

  it("survives the panel process being killed with SIGKILL mid-run: the counter in the log has no gap", async () => {
    const task = await counterTask("sigkill", 60, 100);
    const run = await triggerRun(db, task.id, "test");
    const startEngine = () => {
      const child = spawn(
        path.resolve("node_modules/.bin/tsx"),
        ["--conditions=react-server", path.resolve("server/testing/engine-process.ts"), dataDir, gitHost.network],
        { stdio: ["ignore", "pipe", "pipe"], env: process.env },
      );
      children.push(child);
      return child;
    };
    const first = startEngine();
    await waitForLog(run.id, "count 10");
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    expect((await db.run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("running");
    await sleep(1_000); // the container goes on printing while no panel watches it

    const second = startEngine();
    const done = await h.waitForStatus(run.id, ["succeeded", "failed"], 60_000);
    second.kill("SIGKILL");
    expect(done.status).toBe("succeeded");
    expect(counterLines(await h.logText(run.id))).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });

  it("records the true exit status when a run's container is killed under it (as a daemon restart does)", async () => {
    const task = await counterTask("killed", 100, 100);
    const run = await triggerRun(db, task.id, "test");
    h.engine.kick();
    await waitForLog(run.id, "count 3");
    const containerId = (await db.runStep.findFirstOrThrow({ where: { runId: run.id, kind: "task" } })).containerId!;
    await docker.containers.kill(containerId);
    const done = await h.waitForStatus(run.id, ["failed"]);
    expect(done.reason).toBe("The command exited with code 137.");
    expect(done.steps.at(-1)?.exitCode).toBe(137);
  });

  it("fails a run whose container vanished while no panel was watching, saying so", async () => {
    // Each "panel process" has its own engine and log store, as after a real restart.
    const panel = () => new RunEngine({ ...h.deps, store: new RunLogStore(path.join(dataDir, "logs")) });
    const engine = panel();
    const task = await counterTask("vanished", 100, 100);
    const run = await triggerRun(db, task.id, "test");
    engine.kick();
    await waitForLog(run.id, "count 3");
    await engine.stop(); // the panel goes away; the container keeps running
    const containerId = (await db.runStep.findFirstOrThrow({ where: { runId: run.id, kind: "task" } })).containerId!;
    await docker.containers.remove(containerId, { force: true });
    const next = panel();
    await next.start();
    const done = await h.waitForStatus(run.id, ["failed"]);
    await next.stop();
    expect(done.reason).toContain("no longer exists");
  });

  it("times a run out: its container is stopped and the run is marked timed_out", async () => {
    const task = await h.task({ name: "too-slow", image: "slipway/test:latest", command: ["sleep", "300"], timeoutSeconds: 1 });
    const run = await triggerRun(db, task.id, "test");
    h.engine.kick();
    const done = await h.waitForStatus(run.id, ["timed_out", "failed", "succeeded"], 20_000);
    expect(done.status).toBe("timed_out");
    expect(done.reason).toBe("Timed out after 1 s.");
    const containerId = done.steps.at(-1)!.containerId!;
    expect((await docker.containers.inspect(containerId)).running).toBe(false);
  });

  it("keeps the containers of the last N runs of a task for inspection and removes older ones, never volumes", async () => {
    await updateSettings(db, { keepRunContainersPerTask: 1 });
    try {
      const task = await counterTask("evict", 1, 10);
      const first = await triggerRun(db, task.id, "test");
      h.engine.kick();
      await h.waitForStatus(first.id, ["succeeded"]);
      const second = await triggerRun(db, task.id, "test");
      h.engine.kick();
      await h.waitForStatus(second.id, ["succeeded"]);
      await evictRunContainers(h.deps, task.id);
      // The engine also evicts after each run; wait for both to settle.
      let left = await docker.containers.list({ labels: { "slipway.task": task.id } });
      for (let i = 0; i < 50 && left.length > 1; i++) {
        await sleep(100);
        left = await docker.containers.list({ labels: { "slipway.task": task.id } });
      }
      expect(left.map((c) => c.labels["slipway.run-id"])).toEqual([second.id]);
    } finally {
      await updateSettings(db, { keepRunContainersPerTask: 5 });
    }
  });
});
