import { afterEach, describe, expect, it } from "vitest";
import { EARLIER_BYTES, locateLogWindow, MAX_WINDOW_BYTES, TAIL_BYTES } from "./locate-log-window";
import { RunLogStore } from "./run-log-store";
import { countLogLines } from "./scan-log-lines";
import { tempLogsRoot } from "./testing/log-test-kit";

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** Line i says which it is, and lines vary in length, so a wrong count or boundary shows. */
const lineText = (i: number) => `\x1b[32mline ${i}\x1b[0m ${"·".repeat(i % 37)}\n`;

describe("locateLogWindow on a real store", () => {
  it("finds the tail window of a 20 MB log at a line boundary, where the counted line starts, and windows before it up to the limit", async () => {
    const { root, cleanup } = tempLogsRoot();
    cleanups.push(cleanup);
    const store = new RunLogStore(root, { maxBytesPerRun: 64 * 1024 * 1024 });
    await store.open("run1");
    let batch = "";
    for (let i = 0; batch.length >= 0; i++) {
      batch += lineText(i);
      if (batch.length > 64 * 1024) {
        await store.append("run1", i % 3 ? "stdout" : "stderr", batch);
        batch = "";
        if ((await store.stat("run1")).size > 20 * 1024 * 1024) break;
      }
    }
    await store.close("run1");
    const { size } = await store.stat("run1");
    const lineAt = async (offset: number) => Buffer.from((await store.read("run1", offset, 200))[0]!.data).toString().split("\n")[0];
    const locate = async (request: Parameters<typeof locateLogWindow>[2] = {}) => {
      const window = await locateLogWindow(store, "run1", request);
      return { ...window, firstLine: await countLogLines(store, "run1", window.start) };
    };

    const tail = await locate();
    expect(tail.start).toBeGreaterThanOrEqual(size - TAIL_BYTES);
    expect(tail.start - (size - TAIL_BYTES)).toBeLessThan(100);
    expect(await lineAt(tail.start)).toContain(`line ${tail.firstLine}\x1b`);
    expect(tail).toMatchObject({ size, closed: true, limited: false });

    const earlier = await locate({ before: tail.start });
    expect(await lineAt(earlier.start)).toContain(`line ${earlier.firstLine}\x1b`);
    expect(tail.start - earlier.start).toBeGreaterThan(EARLIER_BYTES - 100);
    expect(tail.start - earlier.start).toBeLessThanOrEqual(EARLIER_BYTES);

    const furthest = await locate({ before: 1000 });
    expect(furthest.limited).toBe(true);
    expect(furthest.start).toBeGreaterThanOrEqual(size - MAX_WINDOW_BYTES);
    expect(await lineAt(furthest.start)).toContain(`line ${furthest.firstLine}\x1b`);

    const permalinked = await locate({ line: tail.firstLine - 1000 });
    expect(permalinked.firstLine).toBe(tail.firstLine - 1020);
    expect(await lineAt(permalinked.start)).toContain(`line ${permalinked.firstLine}\x1b`);
  });

  it("opens an empty or unknown log at 0", async () => {
    const { root, cleanup } = tempLogsRoot();
    cleanups.push(cleanup);
    expect(await locateLogWindow(new RunLogStore(root), "nobody")).toEqual({ size: 0, closed: false, start: 0, limited: false, maxBytes: MAX_WINDOW_BYTES });
    expect(await countLogLines(new RunLogStore(root), "nobody", 0)).toBe(0);
  });
});
