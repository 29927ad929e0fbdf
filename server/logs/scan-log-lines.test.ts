import { describe, expect, it } from "vitest";
import { countLogLines, scanLogLines } from "./scan-log-lines";
import { fakeLog, numberedLines } from "./testing/fake-log-reader";

describe("countLogLines", () => {
  const log = fakeLog([numberedLines(0, 10), 5000, numberedLines(10, 15)]);

  it("counts the lines before a line boundary, a cut as one line", async () => {
    expect(await countLogLines(log, "r", 0)).toBe(0);
    expect(await countLogLines(log, "r", 9)).toBe(1);
    expect(await countLogLines(log, "r", 90)).toBe(10);
    expect(await countLogLines(log, "r", 5090)).toBe(11);
    expect(await countLogLines(log, "r", 5099)).toBe(12);
  });

  it("does not count the line an offset is inside, nor lines past the end", async () => {
    expect(await countLogLines(log, "r", 13)).toBe(1);
    expect(await countLogLines(log, "r", 999_999)).toBe(16);
  });
});

describe("scanLogLines", () => {
  it("visits every line boundary in order and stops when asked", async () => {
    const seen: Array<[number, number]> = [];
    const through = await scanLogLines(fakeLog([numberedLines(0, 5)], 4), "r", 45, (boundary, lines) => {
      seen.push([boundary, lines]);
      return lines === 3;
    });
    expect(through).toBe(3);
    expect(seen).toEqual([
      [0, 0],
      [9, 1],
      [18, 2],
      [27, 3],
    ]);
  });
});
