import { afterAll, describe, expect, it } from "vitest";
import { slipwayLabels } from "@/server/docker/labels";
import { cleanupTestRun, TEST_RUN_LABEL, testDocker, testRunId } from "@/server/testing/test-docker";

const docker = testDocker();
afterAll(() => cleanupTestRun(docker));

describe("containers.attach", () => {
  it("streams a container's live stdout and stderr separately until it exits", async () => {
    const { id } = await docker.containers.create({
      image: "slipway/test:latest",
      cmd: ["sh", "-c", "echo out-1; echo err-1 >&2; echo out-2"],
      labels: slipwayLabels({ [TEST_RUN_LABEL]: testRunId }),
    });
    const chunks = await docker.containers.attach(id);
    const collected: { stream: string; text: string }[] = [];
    const reading = (async () => {
      for await (const chunk of chunks) collected.push({ stream: chunk.stream, text: chunk.data.toString() });
    })();
    await docker.containers.start(id);
    expect(await docker.containers.wait(id, { timeoutMs: 20_000 })).toEqual({ exitCode: 0 });
    await reading;
    const text = (stream: string) => collected.filter((c) => c.stream === stream).map((c) => c.text).join("");
    expect(text("stdout")).toBe("out-1\nout-2\n");
    expect(text("stderr")).toBe("err-1\n");
  });
});
