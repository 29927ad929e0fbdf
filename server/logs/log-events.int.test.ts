import { isTrackedEnvelope } from "@trpc/server";
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { runLogEvents, type LogEvent } from "./log-events";
import { RunLogStore } from "./run-log-store";
import { tempLogsRoot } from "./testing/log-test-kit";

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

describe("runLogEvents on a real store", () => {
  it("lets a client that reconnects with lastEventId, while the run writes, end up with exactly the log", async () => {
    const { root, cleanup } = tempLogsRoot();
    cleanups.push(cleanup);
    const store = new RunLogStore(root);
    await store.open("run1");
    const written: Buffer[] = [];
    const writer = (async () => {
      for (let i = 0; i < 300; i++) {
        const data = randomBytes(1 + (i % 50) * 100);
        written.push(data);
        await store.append("run1", i % 4 ? "stdout" : "stderr", data);
      }
      await store.close("run1");
    })();

    const received: Buffer[] = [];
    let lastEventId: string | null = null;
    let ended = false;
    // The client drops the connection every few events and comes back with the last id it saw.
    for (let connection = 0; !ended; connection++) {
      const controller = new AbortController();
      let count = 0;
      ended = true;
      for await (const event of runLogEvents(store, "run1", { lastEventId, signal: controller.signal })) {
        if (!isTrackedEnvelope<LogEvent>(event)) throw new Error("not a tracked event");
        expect(event[1].offset).toBe(lastEventId === null ? 0 : Number(lastEventId));
        received.push(Buffer.from(event[1].data, "base64"));
        lastEventId = event[0];
        if (++count === 3) {
          controller.abort();
          ended = false;
          break;
        }
      }
    }
    await writer;
    expect(Buffer.concat(received).equals(Buffer.concat(written))).toBe(true);
  });
});
