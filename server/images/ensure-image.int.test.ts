import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DockerError, slipwayLabels } from "@/server/docker/port";
import { cleanupTestRun, TEST_RUN_LABEL, testDocker, testRunId } from "@/server/testing/test-docker";
import { filesUnder } from "./build-context";
import { CONTEXT_HASH_LABEL, ensureImage, type ImageBuild } from "./ensure-image";

const docker = testDocker();
const tag = `slipway-test/ensure-${testRunId}:latest`;
const failingTag = `slipway-test/ensure-fail-${testRunId}:latest`;
/** Every image id this file built, so afterAll removes exactly those (rebuilds leave the old one untagged). */
const builtIds = new Set<string>();
let dir: string;

async function writeDockerfile(run: string): Promise<void> {
  // The run id in the layer keeps this run's images apart from any other run's build cache.
  await fs.writeFile(path.join(dir, "Dockerfile"), `FROM slipway/test:latest\nRUN echo ${run}-${testRunId} > /built.txt\n`);
}

async function build(options: { force?: boolean; onOutput?: (line: string) => void } = {}) {
  const spec: ImageBuild = { tag, files: await filesUnder(dir), labels: { [TEST_RUN_LABEL]: testRunId } };
  const result = await ensureImage(docker, spec, options);
  const image = await docker.images.inspect(tag);
  if (image) builtIds.add(image.id);
  return { result, image };
}

/** What the image's build wrote into /built.txt, read by running it. */
async function builtTxt(): Promise<string> {
  const { id } = await docker.containers.create({ image: tag, cmd: ["cat", "/built.txt"], labels: slipwayLabels({ [TEST_RUN_LABEL]: testRunId }) });
  await docker.containers.start(id);
  await docker.containers.wait(id, { timeoutMs: 30_000 });
  let out = "";
  for await (const chunk of docker.containers.logs(id)) out += chunk.data.toString("utf8");
  await docker.containers.remove(id, { force: true });
  return out.trim();
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "slipway-ensure-"));
  await writeDockerfile("first");
});

afterAll(async () => {
  await cleanupTestRun(docker);
  for (const ref of [tag, failingTag, ...builtIds]) await docker.images.remove(ref, { force: true }).catch(() => undefined);
  await fs.rm(dir, { recursive: true, force: true });
});

describe("ensureImage", () => {
  let firstHash = "";
  let firstId = "";

  it("builds the image the first time, labelled with its context hash", async () => {
    expect(await docker.images.exists(tag)).toBe(false);
    const output: string[] = [];
    const { result, image } = await build({ onOutput: (line) => output.push(line) });
    expect(result).toMatchObject({ tag, built: true });
    expect(result.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(image?.tags).toContain(tag);
    expect(image?.labels).toMatchObject({ [CONTEXT_HASH_LABEL]: result.hash, [TEST_RUN_LABEL]: testRunId });
    // Containers inherit image labels: only what Slipway itself runs may look managed.
    expect(image?.labels).not.toHaveProperty(["slipway.managed"]);
    expect(output.some((line) => /Step 2\/\d+ : RUN echo first/.test(line))).toBe(true);
    expect(await builtTxt()).toBe(`first-${testRunId}`);
    firstHash = result.hash;
    firstId = image?.id ?? "";
  });

  it("does not build again when nothing changed", async () => {
    const output: string[] = [];
    const { result, image } = await build({ onOutput: (line) => output.push(line) });
    expect(result).toEqual({ tag, built: false, hash: firstHash });
    expect(output).toEqual([]);
    expect(image?.id).toBe(firstId);
  });

  it("rebuilds when the Dockerfile changes", async () => {
    await writeDockerfile("second");
    const { result, image } = await build();
    expect(result.built).toBe(true);
    expect(result.hash).not.toBe(firstHash);
    expect(image?.id).not.toBe(firstId);
    expect(image?.labels[CONTEXT_HASH_LABEL]).toBe(result.hash);
    expect(await builtTxt()).toBe(`second-${testRunId}`);

    const again = await build();
    expect(again.result).toEqual({ tag, built: false, hash: result.hash });
  });

  it("rebuilds on request even when nothing changed", async () => {
    const before = await docker.images.inspect(tag);
    const output: string[] = [];
    const { result, image } = await build({ force: true, onOutput: (line) => output.push(line) });
    expect(result.built).toBe(true);
    expect(result.hash).toBe(before?.labels[CONTEXT_HASH_LABEL]);
    expect(output.some((line) => line.includes("Successfully tagged"))).toBe(true);
    expect(image?.labels[CONTEXT_HASH_LABEL]).toBe(result.hash);
  });

  it("fails with the engine's words when a build step fails, and leaves no image behind", async () => {
    const failDir = await fs.mkdtemp(path.join(os.tmpdir(), "slipway-ensure-fail-"));
    try {
      await fs.writeFile(path.join(failDir, "Dockerfile"), `FROM slipway/test:latest\nRUN echo ${testRunId} && exit 7\n`);
      const error = await ensureImage(docker, { tag: failingTag, files: await filesUnder(failDir), labels: { [TEST_RUN_LABEL]: testRunId } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DockerError);
      expect((error as DockerError).message).toMatch(/returned a non-zero code: 7/);
      expect(await docker.images.exists(failingTag)).toBe(false);
    } finally {
      await fs.rm(failDir, { recursive: true, force: true });
    }
  });
});
