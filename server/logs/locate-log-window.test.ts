import { describe, expect, it } from "vitest";
import { locateLogWindow } from "./locate-log-window";
import { countLogLines } from "./scan-log-lines";
import { fakeLog, numberedLines as lines } from "./testing/fake-log-reader";

const sizes = { tailBytes: 50, earlierBytes: 50, maxBytes: 200 };
// Every line is 9 bytes: "line 000\n". `locate` also counts the lines before the window's start.
async function locate(log: ReturnType<typeof fakeLog>, request: Parameters<typeof locateLogWindow>[2] = {}, given = sizes) {
  const window = await locateLogWindow(log, "r", request, given);
  return { ...window, firstLine: await countLogLines(log, "r", window.start) };
}

describe("locateLogWindow", () => {
  it("starts a small log at its first byte", async () => {
    expect(await locate(fakeLog([lines(0, 3)]), {})).toEqual({ size: 27, closed: true, start: 0, firstLine: 0, limited: false, maxBytes: 200 });
  });

  it("starts a big log's window at the first line boundary within the last windowBytes, counting the lines before it", async () => {
    const window = await locate(fakeLog([lines(0, 100)]), {});
    // 900 bytes; 850 is inside line 94 (846..854): the window starts at line 95.
    expect(window).toEqual({ size: 900, closed: true, start: 855, firstLine: 95, limited: false, maxBytes: 200 });
  });

  it("loads earlier windows before the one held, until the limit", async () => {
    const log = fakeLog([lines(0, 100)]);
    expect(await locate(log, { before: 855 })).toMatchObject({ start: 810, firstLine: 90, limited: false });
    expect(await locate(log, { before: 855 }, { ...sizes, earlierBytes: 100 })).toMatchObject({ start: 756, firstLine: 84, limited: false });
    // The limit: 200 bytes before the end (700, inside line 77) however far back was asked for.
    expect(await locate(log, { before: 720 })).toMatchObject({ start: 702, firstLine: 78, limited: true });
  });

  it("starts at a permalinked line (with context) when the limit allows, else at the tail", async () => {
    const log = fakeLog([lines(0, 100)]);
    expect(await locate(log, { line: 95 })).toMatchObject({ start: 855, firstLine: 95 }); // in the tail anyway
    expect(await locate(log, { line: 100 })).toMatchObject({ start: 720, firstLine: 80 });
    expect(await locate(log, { line: 10 })).toMatchObject({ start: 855, firstLine: 95, limited: false });
  });

  it("counts a cut as one line and may start right after it", async () => {
    const window = await locate(fakeLog([lines(0, 10), 5000, lines(10, 15)]), {});
    // 90 bytes, a cut to 5090, then 45 bytes: want = 5135 - 50 = 5085, inside the cut: the first boundary after is its end.
    expect(window).toMatchObject({ size: 5135, start: 5090, firstLine: 11 });
  });

  it("starts inside the last line when no line starts in the window", async () => {
    expect(await locate(fakeLog(["a\n", "x".repeat(300)]), {})).toMatchObject({ size: 302, start: 252, firstLine: 1 });
  });
});
