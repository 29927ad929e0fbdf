// Scroll geometry of the virtual list: rows of a fixed height, drawn only where the viewport is.
// Browsers cap an element's height (Firefox near 17.9 million px), so past MAX_SCROLL_HEIGHT the
// scrollbar is scaled: one pixel of scrollTop stands for `ratio` pixels of rows.

export const MAX_SCROLL_HEIGHT = 15_000_000;

export interface Geometry {
  rowHeight: number;
  viewportHeight: number;
  /** Height of all rows. */
  total: number;
  /** Height of the scrollable area (total, or the cap). */
  height: number;
  /** Row pixels per scroll pixel: 1 below the cap. */
  ratio: number;
}

export function geometry(rowCount: number, rowHeight: number, viewportHeight: number): Geometry {
  const total = rowCount * rowHeight;
  const height = Math.min(total, MAX_SCROLL_HEIGHT);
  const ratio = total > height && height > viewportHeight ? (total - viewportHeight) / (height - viewportHeight) : 1;
  return { rowHeight, viewportHeight, total, height, ratio };
}

export interface VisibleRows {
  /** First row drawn (overscan included) and the row after the last. */
  first: number;
  end: number;
  /** Where, in the scrollable area, the first drawn row's top goes. */
  top: number;
}

export function visibleRows(g: Geometry, rowCount: number, scrollTop: number, overscan: number): VisibleRows {
  const virtualTop = scrollTop * g.ratio;
  const first = Math.max(0, Math.floor(virtualTop / g.rowHeight) - overscan);
  const end = Math.min(rowCount, Math.ceil((virtualTop + g.viewportHeight) / g.rowHeight) + overscan);
  return { first, end, top: scrollTop + (first * g.rowHeight - virtualTop) };
}

export type Align = "start" | "center" | "end";

/** The scrollTop that shows `row` at the top, middle or bottom of the viewport. */
export function scrollTopForRow(g: Geometry, row: number, align: Align): number {
  const rowTop = row * g.rowHeight;
  const virtualTop =
    align === "start" ? rowTop : align === "end" ? rowTop + g.rowHeight - g.viewportHeight : rowTop - (g.viewportHeight - g.rowHeight) / 2;
  const max = Math.max(0, g.height - g.viewportHeight);
  return Math.min(max, Math.max(0, virtualTop / g.ratio));
}

/** Whether `row` is entirely inside the viewport at this scrollTop. */
export function rowInView(g: Geometry, row: number, scrollTop: number): boolean {
  const top = row * g.rowHeight - scrollTop * g.ratio;
  return top >= 0 && top + g.rowHeight <= g.viewportHeight;
}
