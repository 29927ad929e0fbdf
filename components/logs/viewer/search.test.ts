import { describe, expect, it } from "vitest";
import { findMatches, LiveSearch, lowerBound, mergeMatches, searchPattern } from "./search";

describe("findMatches", () => {
  it("finds every occurrence, case-insensitively, with regex characters taken literally", () => {
    expect(findMatches("Count 1, count 2, COUNT", searchPattern("count"))).toEqual([
      [0, 5],
      [9, 14],
      [18, 23],
    ]);
    expect(findMatches("a.b a+b (x)", searchPattern("a+b"))).toEqual([[4, 7]]);
    expect(findMatches("(x) [y]", searchPattern("(x)"))).toEqual([[0, 3]]);
    expect(findMatches("aaaa", searchPattern("aa"))).toEqual([
      [0, 2],
      [2, 4],
    ]);
    expect(findMatches("anything", searchPattern(""))).toEqual([]);
  });
});

describe("matches on the main thread", () => {
  it("keeps the matches before a notice's start and replaces the rest", () => {
    const before = Int32Array.from([1, 1, 4, 9, 9, 12]);
    expect(lowerBound(before, 9)).toBe(3);
    expect(Array.from(mergeMatches(before, { from: 9, matches: Int32Array.from([9, 10]) }))).toEqual([1, 1, 4, 9, 10]);
    expect(Array.from(mergeMatches(before, { from: 0, matches: Int32Array.from([2]) }))).toEqual([2]);
  });
});

describe("LiveSearch", () => {
  const lines = ["build step", "error: one", "ok", "Error again, error twice"];
  const search = (limit?: number) => new LiveSearch((i) => lines[i] ?? "", limit);

  it("counts every occurrence, one entry per match, then reports nothing new", () => {
    const s = search();
    s.start("error");
    expect(s.step(lines.length)).toBe(false);
    const notice = s.takeNotice(lines.length);
    expect(notice).toMatchObject({ query: "error", from: 0, done: true, capped: false });
    expect(Array.from(notice!.matches)).toEqual([1, 3, 3]);
    expect(s.takeNotice(lines.length)).toBeNull();
  });

  it("searches changed and new lines again as the log grows", () => {
    const s = search();
    s.start("error");
    s.step(3);
    expect(Array.from(s.takeNotice(3)!.matches)).toEqual([1]);
    lines[2] = "error now";
    s.invalidate(2);
    s.step(4);
    const notice = s.takeNotice(4)!;
    expect(notice.from).toBe(2);
    expect(Array.from(mergeMatches(Int32Array.from([1]), notice))).toEqual([1, 2, 3, 3]);
    lines[2] = "ok";
    s.invalidate(1);
    s.step(4);
    const again = s.takeNotice(4)!;
    expect(again.from).toBe(1);
    expect(Array.from(again.matches)).toEqual([1, 3, 3]);
  });

  it("stops at its limit and says so", () => {
    const s = search(2);
    s.start("error");
    s.step(lines.length);
    expect(s.takeNotice(lines.length)).toMatchObject({ capped: true, done: true });
  });
});
