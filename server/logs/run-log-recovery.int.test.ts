import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { RunLogStore } from "./run-log-store";
import { COUNTER_LINE_BYTES, counterLine, counterLines, counterMismatch, counterStream, expectContiguous, readWhole, tempLogsRoot } from "./testing/log-test-kit";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function newRoot(): string {
  const { root, cleanup } = tempLogsRoot();
  cleanups.push(cleanup);
  return root;
}

/** Writes counter lines 0..count-1, one append (and so one index record) each. */
async function writeLines(store: RunLogStore, runId: string, count: number): Promise<void> {
  for (let n = 0; n < count; n++) await store.append(runId, counterStream(n), counterLine(n));
}

const file = (root: string, runId: string, name: string) => path.join(root, runId, name);

describe("RunLogStore after a crash", () => {
  it("drops a torn index record at the end and continues at the last whole chunk: no gap, no duplicate", async () => {
    const root = newRoot();
    const crashed = new RunLogStore(root);
    await crashed.open("run1");
    await writeLines(crashed, "run1", 10);
    await crashed.shutdown(); // let go of the files; what follows is what a crash leaves
    // The panel dies while writing the tenth record: only 10 of its 24 bytes reached the file.
    fs.truncateSync(file(root, "run1", "000000000000.idx"), 9 * 24 + 10);

    const viewer = new RunLogStore(root);
    expect((await viewer.stat("run1")).size).toBe(9 * COUNTER_LINE_BYTES); // seen before any repair

    const restarted = new RunLogStore(root);
    expect((await restarted.open("run1")).size).toBe(9 * COUNTER_LINE_BYTES);
    expect(fs.statSync(file(root, "run1", "000000000000.log")).size).toBe(9 * COUNTER_LINE_BYTES);
    for (let n = 9; n < 20; n++) await restarted.append("run1", counterStream(n), counterLine(n));
    await restarted.close("run1");

    const { chunks, bytes } = await readWhole(restarted, "run1");
    expectContiguous(chunks);
    expect(bytes.equals(counterLines(0, 20))).toBe(true);
    expect(counterMismatch(chunks)).toBeNull();
  });

  it("drops data written without its record, and zero-filled records", async () => {
    const root = newRoot();
    const crashed = new RunLogStore(root);
    await crashed.open("run1");
    await writeLines(crashed, "run1", 5);
    await crashed.shutdown();
    fs.appendFileSync(file(root, "run1", "000000000000.log"), "00000005\n0000");
    fs.appendFileSync(file(root, "run1", "000000000000.idx"), Buffer.alloc(48));

    const restarted = new RunLogStore(root);
    expect((await restarted.open("run1")).size).toBe(5 * COUNTER_LINE_BYTES);
    expect(fs.statSync(file(root, "run1", "000000000000.idx")).size).toBe(5 * 24);
    await restarted.append("run1", counterStream(5), counterLine(5));
    await restarted.close("run1");
    expect((await readWhole(restarted, "run1")).bytes.equals(counterLines(0, 6))).toBe(true);
  });

  it("recovers across segments: a new segment with no records yet, and an eviction cut short", async () => {
    const root = newRoot();
    const limits = { maxBytesPerRun: 90 * 8, headBytes: 90, segmentBytes: 90 }; // 10 lines per segment, 7 tail segments
    const crashed = new RunLogStore(root, limits);
    await crashed.open("run1");
    await writeLines(crashed, "run1", 95); // head + 85 lines: the tail window has moved
    const before = await crashed.stat("run1");
    expect(before.cut).toEqual([{ from: 90, to: 270 }]);
    await crashed.shutdown();
    // Crash while evicting: the oldest tail segment's index is gone, its data file is not.
    fs.rmSync(file(root, "run1", (270).toString(16).padStart(12, "0") + ".idx"));
    // And the last segment (starting at line 90) loses its only records.
    fs.truncateSync(file(root, "run1", (810).toString(16).padStart(12, "0") + ".idx"), 0);

    const restarted = new RunLogStore(root, limits);
    const reopened = await restarted.open("run1");
    expect(reopened.size).toBe(810);
    expect(reopened.cut).toEqual([{ from: 90, to: 360 }]);
    expect(fs.existsSync(file(root, "run1", (270).toString(16).padStart(12, "0") + ".log"))).toBe(false);
    for (let n = 90; n < 100; n++) await restarted.append("run1", counterStream(n), counterLine(n));
    await restarted.close("run1");
    const { chunks } = await readWhole(restarted, "run1");
    expectContiguous(chunks);
    expect(counterMismatch(chunks)).toBeNull();
    expect(chunks.at(-1)?.end).toBe(900);
  });

  it("keeps every acknowledged byte when the panel is killed with SIGKILL mid-append, and continues cleanly", async () => {
    const root = newRoot();
    const segmentBytes = 64 * 1024; // 4 MiB per run: the kills also land while the tail window moves
    let acked = 0;
    for (let round = 0; round < 3; round++) {
      // node itself with tsx as a loader (not the tsx CLI, which runs the script in a grandchild): the kill hits the writer.
      const script = path.join(import.meta.dirname, "testing/append-until-killed.ts");
      const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", script, root, "run1", String(segmentBytes)], {
        cwd: repoRoot,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      let err = "";
      child.stdout.on("data", (data: Buffer) => (out += data.toString()));
      child.stderr.on("data", (data: Buffer) => (err += data.toString()));
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
      // Let it write ~1.8 MB more (3 rounds pass the 4 MiB limit), then kill it at a random moment.
      const lastAcked = () => Number(out.trim().split("\n").at(-1) ?? 0);
      for (let waited = 0; lastAcked() < acked + 200_000; waited += 20) {
        if (waited > 30_000 || child.exitCode !== null) throw new Error(`the writer did not get going: ${err}`);
        await sleep(20);
      }
      await sleep(Math.random() * 200);
      child.kill("SIGKILL");
      expect(await exited).toBe("SIGKILL");
      const lines = out.trim().split("\n").map(Number);
      expect(lines.at(-1)!).toBeGreaterThan(acked);
      acked = lines.at(-1)!;

      // What the dead process acknowledged is there, and what is there is the exact sequence.
      const viewer = new RunLogStore(root);
      const { chunks } = await readWhole(viewer, "run1");
      expectContiguous(chunks);
      expect(counterMismatch(chunks)).toBeNull();
      expect((await viewer.stat("run1")).size).toBeGreaterThanOrEqual(acked * COUNTER_LINE_BYTES);
    }

    // The next start reopens it and goes on at exactly its size.
    const store = new RunLogStore(root);
    const { size } = await store.open("run1");
    let next = Math.floor(size / COUNTER_LINE_BYTES);
    if (size % COUNTER_LINE_BYTES) await store.append("run1", counterStream(next), counterLine(next++).slice(size % COUNTER_LINE_BYTES));
    for (const end = next + 1000; next < end; next++) await store.append("run1", counterStream(next), counterLine(next));
    const closed = await store.close("run1");
    expect(closed.size).toBe(next * COUNTER_LINE_BYTES);
    expect(closed.cut).toHaveLength(1);
    const { chunks } = await readWhole(store, "run1");
    expectContiguous(chunks);
    expect(counterMismatch(chunks)).toBeNull();
    expect(chunks.at(-1)?.end).toBe(closed.size);
  });
});
