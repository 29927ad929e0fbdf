import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { RunLogStore } from "./run-log-store";
import { expectContiguous, logBytes, tempLogsRoot } from "./testing/log-test-kit";
import type { LogChunk, LogStream } from "./types";

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function newStore(options: ConstructorParameters<typeof RunLogStore>[1] = {}): RunLogStore {
  const { root, cleanup } = tempLogsRoot();
  cleanups.push(cleanup);
  return new RunLogStore(root, options);
}

/** Follows into an array; `received` shows progress while it runs, `done` settles when the follow ends. */
function collect(store: RunLogStore, runId: string, from: number, options: { signal?: AbortSignal; perChunk?: () => Promise<void> } = {}) {
  const chunks: LogChunk[] = [];
  const progress = { received: 0 };
  const done = (async () => {
    for await (const chunk of store.follow(runId, from, options.signal)) {
      chunks.push(chunk);
      progress.received += chunk.data.length;
      await options.perChunk?.();
    }
    return chunks;
  })();
  return { chunks, progress, done };
}

describe("RunLogStore.follow", () => {
  it("gives every follower the same bytes while appends happen, from 0 or from the middle; a slow one only delays itself", async () => {
    const store = newStore();
    const early = collect(store, "run1", 0); // before the log even exists
    await store.open("run1");
    const fromStart = collect(store, "run1", 0);
    // The slow one stalls on its first chunk until the run is over, then takes its time.
    let writerDone!: () => void;
    const overGate = new Promise<void>((resolve) => (writerDone = resolve));
    const slow = collect(store, "run1", 0, { perChunk: () => overGate.then(() => sleep(1)) });

    const streams: LogStream[] = ["stdout", "stderr", "system"];
    const written: Buffer[] = [];
    const streamOf: Array<{ end: number; stream: LogStream }> = [];
    let size = 0;
    let middle: ReturnType<typeof collect> | null = null;
    const middleOffset = 777_777;
    while (size < 3_000_000) {
      const data = randomBytes(1 + Math.floor(Math.random() * 20_000));
      const stream = streams[Math.floor(Math.random() * 3)]!;
      written.push(data);
      size += data.length;
      streamOf.push({ end: size, stream });
      const appended = store.append("run1", stream, data);
      if (Math.random() < 0.3) await appended;
      if (Math.random() < 0.05) await sleep(1);
      if (!middle && size > 1_000_000) middle = collect(store, "run1", middleOffset);
    }
    const closed = await store.close("run1");
    const slowAtClose = slow.progress.received;
    writerDone();
    const expected = Buffer.concat(written);
    expect(closed.size).toBe(expected.length);

    const [a, b, c, d] = await Promise.all([early.done, fromStart.done, middle!.done, slow.done]);
    expect(slowAtClose).toBeLessThan(expected.length); // the writer finished while the slow one was still behind
    for (const [chunks, from] of [[a, 0], [b, 0], [c, middleOffset], [d, 0]] as const) {
      expectContiguous(chunks, from);
      expect(logBytes(chunks).equals(expected.subarray(from))).toBe(true);
      for (const chunk of chunks) {
        const owner = streamOf.find((range) => range.end > chunk.offset)!;
        expect(chunk.stream).toBe(owner.stream);
      }
    }
  });

  it("replays a closed log and ends; ends at once when aborted", async () => {
    const store = newStore();
    await store.open("run1");
    await store.append("run1", "stdout", "line 1\nline 2\n");
    await store.close("run1");
    const replay = await collect(store, "run1", 7).done;
    expect(logBytes(replay).toString()).toBe("line 2\n");
    expect(await collect(store, "run1", 14).done).toEqual([]);

    await store.open("run2");
    await store.append("run2", "stdout", "still running\n");
    const controller = new AbortController();
    const follower = collect(store, "run2", 0, { signal: controller.signal });
    await waitFor(() => follower.progress.received === 14);
    controller.abort();
    expect(logBytes(await follower.done).toString()).toBe("still running\n");
    await store.close("run2");
  });

  it("ends every follower when the log is closed, also those waiting at its end", async () => {
    const store = newStore();
    await store.open("run1");
    const followers = Array.from({ length: 5 }, () => collect(store, "run1", 0));
    await store.append("run1", "stderr", "boom\n");
    await waitFor(() => followers.every((f) => f.progress.received === 5));
    await store.close("run1");
    for (const follower of await Promise.all(followers.map((f) => f.done))) {
      expect(logBytes(follower).toString()).toBe("boom\n");
    }
  });

  it("shows a follower that fell behind the tail window a cut marker, then the tail", async () => {
    const store = newStore({ maxBytesPerRun: 4096, headBytes: 1024, segmentBytes: 512 });
    await store.open("run1");
    const expected = Buffer.from(Array.from({ length: 30_000 }, (_, i) => 48 + (i % 10)));
    await store.append("run1", "stdout", expected.subarray(0, 1500));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let first = true;
    const lagging = collect(store, "run1", 0, {
      perChunk: async () => {
        if (first) await gate;
        first = false;
      },
    });
    await waitFor(() => lagging.progress.received > 0);
    for (let at = 1500; at < expected.length; at += 1000) await store.append("run1", "stdout", expected.subarray(at, at + 1000));
    await store.close("run1");
    release();
    const chunks = await lagging.done;
    expectContiguous(chunks);
    const cut = (await store.stat("run1")).cut[0]!;
    const markers = chunks.filter((chunk) => chunk.cut);
    expect(markers).toHaveLength(1);
    expect(markers[0]!.end).toBe(cut.to);
    // What it had read before falling behind, the marker in place of what it missed, then the whole tail.
    expect(markers[0]!.offset).toBeGreaterThan(0);
    expect(chunks.at(-1)!.end).toBe(expected.length);
    for (const chunk of chunks.filter((c) => !c.cut)) expect(Buffer.from(chunk.data).equals(expected.subarray(chunk.offset, chunk.end))).toBe(true);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  for (const started = Date.now(); !condition(); await sleep(5)) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out waiting");
  }
}
