import { afterAll, describe, expect, it } from "vitest";
import { slipwayLabels } from "@/server/docker/labels";
import { dockerPortFor } from "@/server/docker/port";
import { DockerSocketProxy } from "@/server/testing/socket-proxy";
import { cleanupTestRun, TEST_RUN_LABEL, testDocker, testRunId } from "@/server/testing/test-docker";
import { EngineMonitor } from "@/server/system/engine-monitor";
import { watchManagedContainers, type ContainersSnapshot } from "./watch-managed-containers";

const docker = testDocker();
const proxy = new DockerSocketProxy();
const controller = new AbortController();

afterAll(async () => {
  controller.abort();
  await proxy.cut();
  await cleanupTestRun(docker);
});

/** Reads snapshots until one satisfies the predicate (bounded by the test timeout). */
async function until(feed: AsyncGenerator<ContainersSnapshot>, predicate: (s: ContainersSnapshot) => boolean): Promise<ContainersSnapshot> {
  for (;;) {
    const { value, done } = await feed.next();
    if (done) throw new Error("feed ended");
    if (predicate(value)) return value;
  }
}

describe("watchManagedContainers", () => {
  it("streams container changes from Docker events and survives the engine going away and coming back", async () => {
    await proxy.open();
    const watchedPort = dockerPortFor(`unix://${proxy.socketPath}`);
    const monitor = new EngineMonitor(watchedPort, { upMs: 200, downMs: 200 });
    monitor.start();
    const feed = watchManagedContainers(watchedPort, monitor, controller.signal);
    const name = `slipway-watch-${testRunId}`;
    const mine = (s: ContainersSnapshot) => s.containers.find((c) => c.name === name);

    const initial = await until(feed, (s) => s.engine.reachable);
    expect(mine(initial)).toBeUndefined();

    const labels = slipwayLabels({ [TEST_RUN_LABEL]: testRunId, "slipway.kind": "test" });
    const { id } = await docker.containers.create({ name, image: "slipway/test:latest", cmd: ["sleep", "60"], labels });
    await docker.containers.start(id);
    const running = await until(feed, (s) => mine(s)?.state === "running");
    expect(mine(running)).toMatchObject({ id, image: "slipway/test:latest", labels: expect.objectContaining({ "slipway.kind": "test" }) });
    expect(mine(running)?.startedAt).not.toBeNull();

    await proxy.cut();
    const down = await until(feed, (s) => !s.engine.reachable);
    expect(down.containers).toEqual([]);
    expect(down.engine.error).toContain("not reachable");

    // While the feed cannot see the engine, the container stops; after reconnecting the feed shows the truth.
    await docker.containers.kill(id);
    await proxy.open();
    const back = await until(feed, (s) => s.engine.reachable && mine(s)?.state === "exited");
    expect(mine(back)?.startedAt).toBeNull();
    monitor.stop();
  });
});
