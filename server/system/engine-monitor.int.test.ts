import { afterAll, describe, expect, it } from "vitest";
import { dockerPortFor } from "@/server/docker/port";
import { DockerSocketProxy } from "@/server/testing/socket-proxy";
import { EngineMonitor, type EngineStatus } from "./engine-monitor";

const proxy = new DockerSocketProxy();
afterAll(() => proxy.cut());

function nextChange(monitor: EngineMonitor): Promise<EngineStatus> {
  return new Promise((resolve) => {
    const off = monitor.subscribe((status) => {
      off();
      resolve(status);
    });
  });
}

describe("EngineMonitor against a real engine behind a cuttable socket", () => {
  it("reports the engine, notices it going away, and finds it again by itself", async () => {
    await proxy.open();
    const monitor = new EngineMonitor(dockerPortFor(`unix://${proxy.socketPath}`), { upMs: 100, downMs: 100 });
    const first = await monitor.check();
    expect(first.reachable).toBe(true);
    expect(first.version).toMatch(/^\d+\.\d+/);
    monitor.start();
    try {
      const lost = nextChange(monitor);
      await proxy.cut();
      const down = await lost;
      expect(down.reachable).toBe(false);
      expect(down.error).toContain("Docker engine is not reachable");
      expect(down.error).toContain("Start the Docker engine");

      const found = nextChange(monitor);
      await proxy.open();
      const back = await found;
      expect(back.reachable).toBe(true);
      expect(back.version).toBe(first.version);
    } finally {
      monitor.stop();
    }
  });
});
