import { describe, expect, it } from "vitest";
import { buildGroups, buildRowMap, collapsedAround, expandAround, groupSize, lineRangesOfRows, lineToRow, nearestRow, parseMarker, rowToLine, type Marker } from "./groups";

const group = (line: number, name: string, time = line): Marker => ({ kind: "group", name, line, time });
const endgroup = (line: number, time = line): Marker => ({ kind: "endgroup", line, time });

describe("parseMarker", () => {
  it("reads group and endgroup lines, nothing else", () => {
    expect(parseMarker("::group::Checkout demo")).toEqual({ kind: "group", name: "Checkout demo" });
    expect(parseMarker("::group::")).toEqual({ kind: "group", name: "Group" });
    expect(parseMarker("::endgroup::")).toEqual({ kind: "endgroup" });
    expect(parseMarker("::endgroup::  ")).toEqual({ kind: "endgroup" });
    expect(parseMarker("echo ::group::x")).toBeNull();
    expect(parseMarker("::endgroup:: trailing")).toBeNull();
    expect(parseMarker("plain")).toBeNull();
  });
});

describe("buildGroups", () => {
  it("pairs markers, nests, keeps the last group open and ignores a stray endgroup", () => {
    const groups = buildGroups([endgroup(0), group(1, "a", 100), group(3, "inner"), endgroup(5), endgroup(7, 900), group(9, "b")]);
    expect(groups).toEqual([
      { start: 1, end: 7, name: "a", depth: 0, startTime: 100, endTime: 900 },
      { start: 3, end: 5, name: "inner", depth: 1, startTime: 3, endTime: 5 },
      { start: 9, end: null, name: "b", depth: 0, startTime: 9, endTime: null },
    ]);
    expect(groupSize(groups[0]!, 20)).toBe(5);
    expect(groupSize(groups[2]!, 20)).toBe(10);
  });
});

describe("row map", () => {
  // Lines: 0 text, 1 ::group::a, 2-3 text, 4 ::endgroup::, 5 text, 6 ::group::b, 7-9 text (b still open).
  const groups = buildGroups([group(1, "a"), endgroup(4), group(6, "b")]);

  it("hides endgroup lines and nothing else while every group is open", () => {
    const map = buildRowMap(10, groups, new Set());
    expect(map.rowCount).toBe(9);
    expect(Array.from({ length: map.rowCount }, (_, r) => rowToLine(map, r))).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 9]);
    expect(lineToRow(map, 4)).toBeNull();
    expect(lineToRow(map, 5)).toBe(4);
    expect(nearestRow(map, 4)).toBe(3);
  });

  it("folds a collapsed group to its header, an open-ended one too", () => {
    const map = buildRowMap(10, groups, new Set([1, 6]));
    expect(Array.from({ length: map.rowCount }, (_, r) => rowToLine(map, r))).toEqual([0, 1, 5, 6]);
    expect(lineToRow(map, 2)).toBeNull();
    expect(nearestRow(map, 3)).toBe(1);
    expect(lineRangesOfRows(map, 0, 4)).toEqual([
      [0, 2],
      [5, 7],
    ]);
    // New lines of a collapsed open group stay hidden.
    expect(buildRowMap(50, groups, new Set([6])).rowCount).toBe(6);
  });

  it("splits a window of rows into line ranges around hidden lines", () => {
    const map = buildRowMap(10, groups, new Set());
    expect(lineRangesOfRows(map, 2, 6)).toEqual([
      [2, 4],
      [5, 7],
    ]);
  });

  it("names the collapsed groups a line is inside", () => {
    const nested = buildGroups([group(0, "outer"), group(2, "inner"), endgroup(5), endgroup(8)]);
    expect(collapsedAround(nested, new Set([0, 2]), 3)).toEqual([0, 2]);
    expect(collapsedAround(nested, new Set([0, 2]), 7)).toEqual([0]);
    expect(collapsedAround(nested, new Set([2]), 0)).toEqual([]);
    expect([...expandAround(nested, new Set([0, 2, 9]), 3)]).toEqual([9]);
    const untouched = new Set([2]);
    expect(expandAround(nested, untouched, 7)).toBe(untouched);
  });

  it("maps a million lines with a few groups quickly", () => {
    const many = buildGroups(Array.from({ length: 200 }, (_, k) => [group(k * 5000, `step ${k}`), endgroup(k * 5000 + 4999)]).flat());
    const map = buildRowMap(1_000_000, many, new Set([0, 5000]));
    expect(map.rowCount).toBe(1_000_000 - 200 - 2 * 4998);
    expect(rowToLine(map, map.rowCount - 1)).toBe(999_998);
    expect(lineToRow(map, 999_998)).toBe(map.rowCount - 1);
  });
});
