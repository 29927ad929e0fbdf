import { describe, expect, it } from "vitest";
import { geometry, MAX_SCROLL_HEIGHT, rowInView, scrollTopForRow, visibleRows } from "./viewport";

describe("viewport", () => {
  it("draws the rows in view plus overscan", () => {
    const g = geometry(1000, 20, 400);
    expect(g).toMatchObject({ total: 20_000, height: 20_000, ratio: 1 });
    expect(visibleRows(g, 1000, 0, 5)).toEqual({ first: 0, end: 25, top: 0 });
    expect(visibleRows(g, 1000, 1010, 5)).toEqual({ first: 45, end: 76, top: 900 });
    expect(visibleRows(g, 1000, 19_600, 5)).toEqual({ first: 975, end: 1000, top: 19_500 });
  });

  it("scales the scrollbar of a log taller than browsers allow, and still reaches its last row", () => {
    const rows = 2_000_000;
    const g = geometry(rows, 20, 600);
    expect(g.height).toBe(MAX_SCROLL_HEIGHT);
    expect(g.ratio).toBeGreaterThan(2);
    const bottom = g.height - 600;
    const { end, top, first } = visibleRows(g, rows, bottom, 0);
    expect(end).toBe(rows);
    // The last row's bottom is the viewport's bottom.
    expect(top + (end - first) * 20).toBeCloseTo(bottom + 600, 3);
    const middle = scrollTopForRow(g, 1_000_000, "start");
    expect(visibleRows(g, rows, middle, 0).first).toBe(1_000_000);
  });

  it("places a row at the top, middle or bottom, within the scroll range", () => {
    const g = geometry(100, 20, 200);
    expect(scrollTopForRow(g, 50, "start")).toBe(1000);
    expect(scrollTopForRow(g, 50, "center")).toBe(910);
    expect(scrollTopForRow(g, 50, "end")).toBe(820);
    expect(scrollTopForRow(g, 0, "center")).toBe(0);
    expect(scrollTopForRow(g, 99, "start")).toBe(1800);
    expect(rowInView(g, 50, 900)).toBe(true);
    expect(rowInView(g, 50, 1001)).toBe(false);
  });
});
