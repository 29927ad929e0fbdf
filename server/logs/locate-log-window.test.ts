import { describe, expect, it } from "vitest";
import { locateLogWindow, type LogWindowReader } from "./locate-log-window";
import type { LogChunk } from "./types";

/** A log of the given pieces (a number is a cut of that many bytes), read back in chunks of at most `step`. */
function fakeLog(pieces: ReadonlyArray<string | number>, step = 7): LogWindowReader {
  const chunks: LogChunk[] = [];
  let offset = 0;
  for (const piece of pieces) {
    if (typeof piece === "number") {
      chunks.push({ offset, end: offset + piece, stream: "system", time: 0, data: Buffer.from("\r\n✂ cut\r\n"), cut: true });
      offset += piece;
      continue;
    }
    for (let i = 0; i < piece.length; i += step) {
      const data = Buffer.from(piece.slice(i, i + step));
      chunks.push({ offset, end: offset + data.length, stream: "stdout", time: 0, data });
      offset += data.length;
    }
  }
  const size = offset;
  return {
    stat: () => Promise.resolve({ size, closed: true }),
    read: (_runId, from, maxBytes) => {
      const out: LogChunk[] = [];
      let budget = maxBytes;
      for (const chunk of chunks) {
        if (chunk.end <= from || budget <= 0) continue;
        const skip = chunk.cut ? 0 : from - chunk.offset;
        const data = chunk.cut ? chunk.data : chunk.data.subarray(Math.max(0, skip), Math.max(0, skip) + budget);
        out.push({ ...chunk, offset: Math.max(chunk.offset, from), end: chunk.cut ? chunk.end : Math.max(chunk.offset, from) + data.length, data });
        if (!chunk.cut) budget -= data.length;
      }
      return Promise.resolve(out);
    },
  };
}

const lines = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `line ${String(from + i).padStart(3, "0")}\n`).join("");
const sizes = { tailBytes: 50, earlierBytes: 50, maxBytes: 200 };
// Every line is 9 bytes: "line 000\n".

describe("locateLogWindow", () => {
  it("starts a small log at its first byte", async () => {
    expect(await locateLogWindow(fakeLog([lines(0, 3)]), "r", {}, sizes)).toEqual({ size: 27, closed: true, start: 0, firstLine: 0, limited: false });
  });

  it("starts a big log's window at the first line boundary within the last windowBytes, counting the lines before it", async () => {
    const window = await locateLogWindow(fakeLog([lines(0, 100)]), "r", {}, sizes);
    // 900 bytes; 850 is inside line 94 (846..854): the window starts at line 95.
    expect(window).toEqual({ size: 900, closed: true, start: 855, firstLine: 95, limited: false });
  });

  it("loads earlier windows before the one held, until the limit", async () => {
    const log = fakeLog([lines(0, 100)]);
    expect(await locateLogWindow(log, "r", { before: 855 }, sizes)).toMatchObject({ start: 810, firstLine: 90, limited: false });
    expect(await locateLogWindow(log, "r", { before: 855 }, { ...sizes, earlierBytes: 100 })).toMatchObject({ start: 756, firstLine: 84, limited: false });
    // The limit: 200 bytes before the end (700, inside line 77) however far back was asked for.
    expect(await locateLogWindow(log, "r", { before: 720 }, sizes)).toMatchObject({ start: 702, firstLine: 78, limited: true });
  });

  it("starts at a permalinked line (with context) when the limit allows, else at the tail", async () => {
    const log = fakeLog([lines(0, 100)]);
    expect(await locateLogWindow(log, "r", { line: 95 }, sizes)).toMatchObject({ start: 855, firstLine: 95 }); // in the tail anyway
    expect(await locateLogWindow(log, "r", { line: 100 }, sizes)).toMatchObject({ start: 720, firstLine: 80 });
    expect(await locateLogWindow(log, "r", { line: 10 }, sizes)).toMatchObject({ start: 855, firstLine: 95, limited: false });
  });

  it("counts a cut as one line and may start right after it", async () => {
    const window = await locateLogWindow(fakeLog([lines(0, 10), 5000, lines(10, 15)]), "r", {}, sizes);
    // 90 bytes, a cut to 5090, then 45 bytes: want = 5135 - 50 = 5085, inside the cut: the first boundary after is its end.
    expect(window).toMatchObject({ size: 5135, start: 5090, firstLine: 11 });
  });

  it("starts inside the last line when no line starts in the window", async () => {
    expect(await locateLogWindow(fakeLog(["a\n", "x".repeat(300)]), "r", {}, sizes)).toMatchObject({ size: 302, start: 252, firstLine: 1 });
  });
});
