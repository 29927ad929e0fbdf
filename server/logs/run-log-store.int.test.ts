import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { RunLogStore } from "./run-log-store";
import { expectContiguous, readWhole, tempLogsRoot } from "./testing/log-test-kit";
import type { LogStream } from "./types";

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function newRoot(): string {
  const { root, cleanup } = tempLogsRoot();
  cleanups.push(cleanup);
  return root;
}

/** A clock the test moves by hand. */
function manualClock(start = 1_700_000_000_000) {
  const clock = { now: start };
  return { clock, read: () => clock.now };
}

describe("RunLogStore: append and read", () => {
  it("stores random binary output byte for byte, with each byte's stream and time", async () => {
    const { clock, read } = manualClock();
    const store = new RunLogStore(newRoot(), { clock: read });
    await store.open("run1");
    const streams: LogStream[] = ["stdout", "stderr", "system"];
    const written: Buffer[] = [];
    const streamAt: LogStream[] = [];
    const timeAt: number[] = [];
    for (let i = 0; i < 400; i++) {
      const data = randomBytes(1 + Math.floor(Math.random() * 5000));
      const stream = streams[i % 7 === 0 ? 2 : i % 3 === 0 ? 1 : 0]!;
      written.push(data);
      for (let b = 0; b < data.length; b++) {
        streamAt.push(stream);
        timeAt.push(clock.now);
      }
      await store.append("run1", stream, data);
      clock.now += 1500; // far enough apart that no two appends share a chunk
    }
    await store.close("run1");
    const expected = Buffer.concat(written);

    for (const step of [777, 4096, 64 * 1024]) {
      const { chunks, bytes } = await readWhole(store, "run1", step);
      expect(bytes.equals(expected)).toBe(true);
      expectContiguous(chunks);
      for (const chunk of chunks) {
        expect(chunk.stream).toBe(streamAt[chunk.offset]);
        expect(chunk.time).toBe(timeAt[chunk.offset]);
        expect(streamAt[chunk.end - 1]).toBe(chunk.stream); // a chunk never mixes streams
      }
    }
    expect(await store.stat("run1")).toEqual({ size: expected.length, closed: true, closedAt: clock.now, cut: [] });
  });

  it("reads from any offset, also inside a chunk, at most maxBytes", async () => {
    const store = new RunLogStore(newRoot());
    await store.open("run1");
    const data = randomBytes(200_000);
    await Promise.all([0, 50_000, 100_000, 150_000].map((at) => store.append("run1", "stdout", data.subarray(at, at + 50_000))));
    for (const from of [0, 1, 49_999, 50_000, 123_457, 199_999]) {
      const chunks = await store.read("run1", from, 10_000);
      expect(chunks[0]?.offset).toBe(from);
      expectContiguous(chunks, from);
      const got = Buffer.concat(chunks.map((chunk) => chunk.data));
      expect(got.equals(data.subarray(from, from + 10_000))).toBe(true);
    }
    expect(await store.read("run1", 200_000, 10)).toEqual([]);
    expect(await store.read("run1", 999_999, 10)).toEqual([]);
    await store.close("run1");
  });

  it("takes a container's output from an async source, batching small chunks", async () => {
    const store = new RunLogStore(newRoot());
    await store.open("run1");
    const pieces = Array.from({ length: 20_000 }, (_, i) => ({ stream: (i % 9 ? "stdout" : "stderr") as LogStream, data: randomBytes(1 + (i % 300)) }));
    async function* output() {
      for (const piece of pieces) yield piece;
    }
    const taken = await store.appendFrom("run1", output());
    const expected = Buffer.concat(pieces.map((piece) => piece.data));
    expect(taken).toBe(expected.length);
    expect((await store.stat("run1")).size).toBe(expected.length); // all stored when it resolves
    await store.close("run1");
    const { chunks, bytes } = await readWhole(store, "run1");
    expect(bytes.equals(expected)).toBe(true);
    expect(chunks.length).toBeLessThan(pieces.length); // neighbours of one stream share chunks
  });

  it("masks secrets per stream before storing, so offsets count the masked bytes", async () => {
    const root = newRoot();
    const store = new RunLogStore(root);
    await store.open("run1", { secrets: ["hunter2-secret"] });
    await store.append("run1", "stdout", "password: hunter2-");
    await store.append("run1", "stderr", "warning: hunter2-secret\n"); // stderr has its own masker
    await store.append("run1", "stdout", "secret\n");
    await store.close("run1");
    const { chunks, bytes } = await readWhole(store, "run1");
    expect(bytes.toString()).toBe("password: warning: ***\n***\n");
    expect(chunks.map((chunk) => [chunk.stream, Buffer.from(chunk.data).toString()])).toEqual([
      ["stdout", "password: "],
      ["stderr", "warning: ***\n"],
      ["stdout", "***\n"],
    ]);
    expect((await store.stat("run1")).size).toBe(bytes.length);
    for (const file of fs.readdirSync(path.join(root, "run1"))) {
      expect(fs.readFileSync(path.join(root, "run1", file)).includes("hunter2-secret")).toBe(false);
    }
  });

  it("keeps the head and a bounded tail, cuts the middle with a visible marker, and never moves kept bytes", async () => {
    const root = newRoot();
    const store = new RunLogStore(root, { maxBytesPerRun: 4096, headBytes: 1024, segmentBytes: 512 });
    await store.open("big");
    const expected = Buffer.from(Array.from({ length: 20_000 }, (_, i) => 32 + ((i * 7) % 95)));
    for (let at = 0; at < expected.length; ) {
      const size = 1 + ((at * 31) % 700);
      await store.append("big", at % 3 ? "stdout" : "stderr", expected.subarray(at, at + size));
      at += size;
    }
    const stat = await store.stat("big");
    expect(stat.size).toBe(20_000);
    expect(stat.cut).toHaveLength(1);
    const cut = stat.cut[0]!;
    expect(cut.from).toBe(1024);
    expect((cut.to - 1024) % 512).toBe(0); // the tail moves a segment at a time
    expect(20_000 - cut.to).toBeGreaterThan(3072 - 512); // and keeps at least the window minus one segment
    expect(20_000 - cut.to).toBeLessThanOrEqual(3072);
    const onDisk = fs.readdirSync(path.join(root, "big")).filter((f) => f.endsWith(".log"));
    expect(onDisk.reduce((sum, f) => sum + fs.statSync(path.join(root, "big", f)).size, 0)).toBeLessThanOrEqual(4096);

    const { chunks } = await readWhole(store, "big", 1000);
    expectContiguous(chunks);
    const marker = chunks.find((chunk) => chunk.cut)!;
    expect(marker).toMatchObject({ offset: 1024, end: cut.to, stream: "system" });
    expect(Buffer.from(marker.data).toString()).toContain(`✂ … ${cut.to - 1024} bytes cut`);
    for (const chunk of chunks.filter((c) => !c.cut)) {
      expect(Buffer.from(chunk.data).equals(expected.subarray(chunk.offset, chunk.end))).toBe(true);
    }

    // Asking for bytes inside the cut: the marker from there, then the tail.
    const inside = await store.read("big", 2000, 100);
    expect(inside[0]).toMatchObject({ offset: 2000, end: cut.to, cut: true });
    expect(Buffer.from(inside[0]!.data).toString()).toContain(`${cut.to - 2000} bytes cut`);
    expect(inside[1]?.offset).toBe(cut.to);

    // Closed and read back by a new store: the same cut, the same bytes at the same offsets.
    await store.close("big");
    const again = new RunLogStore(root);
    expect((await again.stat("big")).cut).toEqual([cut]);
    expect((await readWhole(again, "big")).bytes.equals(Buffer.concat([expected.subarray(0, 1024), expected.subarray(cut.to)]))).toBe(true);
  });

  it("continues a log after a restart at its size, with the limits it was created with", async () => {
    const root = newRoot();
    const first = new RunLogStore(root, { maxBytesPerRun: 4096, headBytes: 1024, segmentBytes: 512 });
    await first.open("run1");
    await first.append("run1", "stdout", Buffer.alloc(3000, "a"));
    await first.shutdown();

    const second = new RunLogStore(root); // default limits: the log keeps its own
    expect((await second.open("run1")).size).toBe(3000);
    await second.append("run1", "stdout", Buffer.alloc(5000, "b"));
    const stat = await second.close("run1");
    expect(stat.size).toBe(8000);
    expect(stat.cut[0]?.from).toBe(1024);
  });

  it("closes: followers and replays know the log is complete, and nothing more is accepted", async () => {
    const store = new RunLogStore(newRoot());
    expect(await store.stat("later")).toEqual({ size: 0, closed: false, closedAt: null, cut: [] });
    await store.open("run1");
    await store.append("run1", "stdout", "done\n");
    const closed = await store.close("run1");
    expect(closed).toMatchObject({ size: 5, closed: true });
    expect(await store.close("run1")).toEqual(closed); // closing twice is harmless
    await expect(store.append("run1", "stdout", "more")).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(store.open("run1")).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(store.read("../etc", 0, 10)).rejects.toMatchObject({ code: "BAD_INPUT" });
    await expect(store.read("run1", -1, 10)).rejects.toMatchObject({ code: "BAD_INPUT" });
  });
});
