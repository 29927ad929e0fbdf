import { afterAll, describe, expect, it } from "vitest";
import { cleanupTestRun, TEST_RUN_LABEL, testDocker, testRunId } from "@/server/testing/test-docker";
import { DockerError, dockerPortFor, slipwayLabels, type DockerEvent, type DockerPort, type LogChunk } from "./port";

const TEST_IMAGE = "slipway/test:latest";
const CASE_LABEL = "slipway.test-case";

const docker = testDocker();

afterAll(async () => {
  await cleanupTestRun(docker);
});

const labelsFor = (testCase: string) => slipwayLabels({ [TEST_RUN_LABEL]: testRunId, [CASE_LABEL]: testCase });

async function readLogs(port: DockerPort, id: string, opts: { follow?: boolean } = {}): Promise<LogChunk[]> {
  const chunks: LogChunk[] = [];
  for await (const chunk of port.containers.logs(id, { ...opts, timeoutMs: 30_000 })) chunks.push(chunk);
  return chunks;
}

const textOf = (chunks: LogChunk[], stream: LogChunk["stream"]) =>
  Buffer.concat(chunks.filter((c) => c.stream === stream).map((c) => c.data)).toString("utf8");

/** Collects events for one test case until `until` says stop (or 30 s pass). */
async function collectEvents(testCase: string, since: number, until: (seen: DockerEvent[]) => boolean): Promise<DockerEvent[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 30_000);
  const seen: DockerEvent[] = [];
  try {
    for await (const event of docker.events({ labels: { [TEST_RUN_LABEL]: testRunId, [CASE_LABEL]: testCase }, types: ["container"], since }, controller.signal)) {
      seen.push(event);
      if (until(seen)) break;
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return seen;
}

describe("Docker port against the real engine", () => {
  it("answers ping and reports its version", async () => {
    await docker.ping();
    const version = await docker.version();
    expect(version.version).toMatch(/^\d+\.\d+/);
    expect(version.apiVersion).toMatch(/^1\.\d+$/);
    expect(version.os).toBe("linux");
  });

  it("runs a container, demultiplexes its stdout and stderr, returns its exit code and reports its events", async () => {
    const since = Math.floor(Date.now() / 1000) - 1;
    const { id } = await docker.containers.create({
      name: `slipway-test-${testRunId}-output`,
      image: TEST_IMAGE,
      cmd: ["sh", "-c", "echo 'hello from stdout'; echo 'trouble on stderr' >&2; printf 'no newline at end'; exit 3"],
      labels: labelsFor("output"),
    });
    expect(id).toMatch(/^[0-9a-f]{64}$/);

    const created = await docker.containers.inspect(id);
    expect(created.state).toBe("created");
    expect(created.name).toBe(`slipway-test-${testRunId}-output`);
    expect(created.labels).toMatchObject({ "slipway.managed": "true", [TEST_RUN_LABEL]: testRunId });

    const listed = await docker.containers.list({ labels: { [TEST_RUN_LABEL]: testRunId, [CASE_LABEL]: "output" } });
    expect(listed.map((c) => c.id)).toEqual([id]);

    await docker.containers.start(id);
    const { exitCode } = await docker.containers.wait(id, { timeoutMs: 30_000 });
    expect(exitCode).toBe(3);

    const chunks = await readLogs(docker, id);
    expect(textOf(chunks, "stdout")).toBe("hello from stdout\nno newline at end");
    expect(textOf(chunks, "stderr")).toBe("trouble on stderr\n");

    const finished = await docker.containers.inspect(id);
    expect(finished).toMatchObject({ state: "exited", running: false, exitCode: 3, oomKilled: false });
    expect(finished.finishedAt).not.toBeNull();

    const events = await collectEvents("output", since, (seen) => seen.some((e) => e.action === "die"));
    const actions = events.filter((e) => e.id === id).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["create", "start", "die"]));
    expect(actions.indexOf("create")).toBeLessThan(actions.indexOf("start"));
    expect(actions.indexOf("start")).toBeLessThan(actions.indexOf("die"));
    const die = events.find((e) => e.action === "die");
    expect(die).toMatchObject({ type: "container", name: `slipway-test-${testRunId}-output`, labels: { [TEST_RUN_LABEL]: testRunId } });
  });

  it("follows the logs of a running container until it stops", async () => {
    const { id } = await docker.containers.create({
      image: TEST_IMAGE,
      cmd: ["sh", "-c", "for i in 1 2 3; do echo line $i; echo err $i >&2; sleep 0.2; done"],
      labels: labelsFor("follow"),
    });
    await docker.containers.start(id);
    const chunks = await readLogs(docker, id, { follow: true });
    expect(textOf(chunks, "stdout")).toBe("line 1\nline 2\nline 3\n");
    expect(textOf(chunks, "stderr")).toBe("err 1\nerr 2\nerr 3\n");
  });

  it("stops a container that handles SIGTERM within its grace period", async () => {
    const { id } = await docker.containers.create({
      image: TEST_IMAGE,
      cmd: ["sh", "-c", "trap 'echo got TERM; exit 0' TERM; echo ready; sleep 300 & wait $!"],
      labels: labelsFor("graceful"),
    });
    await docker.containers.start(id);
    await waitForLog(id, "ready");
    const started = Date.now();
    await docker.containers.stop(id, 10);
    expect(Date.now() - started).toBeLessThan(5_000);
    const details = await docker.containers.inspect(id);
    expect(details).toMatchObject({ running: false, exitCode: 0 });
    expect(textOf(await readLogs(docker, id), "stdout")).toBe("ready\ngot TERM\n");
    // Stopping an already stopped container is not an error.
    await docker.containers.stop(id, 1);
    await docker.containers.remove(id);
  });

  it("kills a container that ignores SIGTERM after the grace period, then removes it", async () => {
    const { id } = await docker.containers.create({
      image: TEST_IMAGE,
      // PID 1 without a handler ignores SIGTERM, so only the SIGKILL after the grace period ends it.
      cmd: ["sleep", "300"],
      labels: labelsFor("stubborn"),
    });
    await docker.containers.start(id);
    expect((await docker.containers.inspect(id)).running).toBe(true);

    const started = Date.now();
    await docker.containers.stop(id, 1);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(10_000);
    expect(await docker.containers.inspect(id)).toMatchObject({ running: false, state: "exited", exitCode: 137 });

    await docker.containers.remove(id);
    expect(await docker.containers.list({ labels: { [TEST_RUN_LABEL]: testRunId, [CASE_LABEL]: "stubborn" } })).toEqual([]);

    const error = await docker.containers.inspect(id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DockerError);
    expect(error).toMatchObject({ kind: "not_found", code: "NOT_FOUND" });
    expect((error as DockerError).message).toContain(`inspecting container ${id}`);
  });

  it("refuses to remove a running container without force (conflict), and removes it with force", async () => {
    const { id } = await docker.containers.create({ image: TEST_IMAGE, cmd: ["sleep", "300"], labels: labelsFor("force") });
    await docker.containers.start(id);
    const error = await docker.containers.remove(id).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "conflict", code: "CONFLICT" });
    await docker.containers.remove(id, { force: true });
    expect(await docker.containers.list({ labels: { [TEST_RUN_LABEL]: testRunId, [CASE_LABEL]: "force" } })).toEqual([]);
  });

  it("runs a command inside a running container with exec", async () => {
    const { id } = await docker.containers.create({ image: TEST_IMAGE, cmd: ["sleep", "300"], labels: labelsFor("exec") });
    await docker.containers.start(id);
    const result = await docker.exec.run(id, { cmd: ["sh", "-c", "echo $GREETING; echo oops >&2; exit 4"], env: { GREETING: "hi there" } });
    expect(result).toEqual({ exitCode: 4, stdout: "hi there\n", stderr: "oops\n" });
    await docker.containers.remove(id, { force: true });
  });

  it("creates, lists and removes labelled volumes", async () => {
    const name = `slipway-test-${testRunId}-data`;
    const labels = labelsFor("volume");
    const created = await docker.volumes.create(name, labels);
    expect(created).toMatchObject({ name, labels });

    const listed = await docker.volumes.list({ [TEST_RUN_LABEL]: testRunId, [CASE_LABEL]: "volume" });
    expect(listed.map((v) => v.name)).toEqual([name]);
    expect(await docker.volumes.inspect(name)).toMatchObject({ name, labels });

    await docker.volumes.remove(name);
    expect(await docker.volumes.inspect(name)).toBeNull();
    expect(await docker.volumes.list({ [TEST_RUN_LABEL]: testRunId, [CASE_LABEL]: "volume" })).toEqual([]);
  });

  it("says the engine is unreachable, and what to do, when the socket does not exist", async () => {
    const nowhere = dockerPortFor("unix:///nonexistent.sock");
    const error = await nowhere.ping().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DockerError);
    expect(error).toMatchObject({ kind: "unreachable", code: "DOCKER_UNAVAILABLE" });
    const message = (error as DockerError).message;
    expect(message).toContain("/nonexistent.sock");
    expect(message).toContain("Start the Docker engine (or set DOCKER_HOST to a reachable one)");

    await expect(nowhere.containers.list()).rejects.toMatchObject({ kind: "unreachable", message: expect.stringContaining("while listing containers") });
  });
});

async function waitForLog(id: string, text: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (textOf(await readLogs(docker, id), "stdout").includes(text)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`container ${id} did not print ${text}`);
}
