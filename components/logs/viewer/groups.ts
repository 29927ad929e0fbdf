// Collapsible groups (`::group::<name>` … `::endgroup::`, one per run step) and the map between the
// rows of the virtual list and the log's lines, once groups are folded: a `::group::` line becomes its
// header row, an `::endgroup::` line is not shown, and a collapsed group hides the lines inside it.

import type { LineRange, LogGroup } from "./worker-protocol";

export type Marker = { line: number; time: number } & ({ kind: "group"; name: string } | { kind: "endgroup" });

const GROUP_LINE = /^::group::(.*)$/;
const ENDGROUP_LINE = /^::endgroup::\s*$/;

/** The marker a line of text is, if any. */
export function parseMarker(text: string): { kind: "group"; name: string } | { kind: "endgroup" } | null {
  if (!text.startsWith("::")) return null;
  const group = GROUP_LINE.exec(text);
  if (group) return { kind: "group", name: (group[1] ?? "").trim() || "Group" };
  return ENDGROUP_LINE.test(text) ? { kind: "endgroup" } : null;
}

/** Groups from markers in line order; they nest, and an `::endgroup::` with no open group is ignored. */
export function buildGroups(markers: readonly Marker[]): LogGroup[] {
  const groups: LogGroup[] = [];
  const open: LogGroup[] = [];
  for (const marker of markers) {
    if (marker.kind === "group") {
      const group: LogGroup = { start: marker.line, end: null, name: marker.name, depth: open.length, startTime: marker.time, endTime: null };
      groups.push(group);
      open.push(group);
    } else {
      const group = open.pop();
      if (group) {
        group.end = marker.line;
        group.endTime = marker.time;
      }
    }
  }
  return groups;
}

/** Lines inside a group (its markers excluded). */
export function groupSize(group: LogGroup, lineCount: number): number {
  return Math.max(0, (group.end ?? lineCount) - group.start - 1);
}

/** A run of consecutive visible lines: `count` lines from `line`, shown from row `row` on. */
export interface Segment {
  line: number;
  row: number;
  count: number;
}

export interface RowMap {
  rowCount: number;
  segments: Segment[];
}

export function buildRowMap(lineCount: number, groups: readonly LogGroup[], collapsed: ReadonlySet<number>): RowMap {
  const hidden: LineRange[] = [];
  for (const group of groups) {
    if (group.end !== null) hidden.push([group.end, group.end + 1]);
    if (collapsed.has(group.start)) hidden.push([group.start + 1, group.end === null ? lineCount : group.end + 1]);
  }
  hidden.sort((a, b) => a[0] - b[0]);
  const segments: Segment[] = [];
  let line = 0;
  let row = 0;
  const show = (to: number) => {
    const end = Math.min(to, lineCount);
    if (end > line) {
      segments.push({ line, row, count: end - line });
      row += end - line;
    }
  };
  for (const [from, to] of hidden) {
    show(from);
    line = Math.max(line, to);
  }
  show(lineCount);
  return { rowCount: row, segments };
}

/** The last segment whose `key` is <= value (segments are sorted by both line and row). */
function segmentAt(segments: readonly Segment[], key: "line" | "row", value: number): Segment | undefined {
  let lo = 0;
  let hi = segments.length - 1;
  let found: Segment | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const segment = segments[mid];
    if (segment && segment[key] <= value) {
      found = segment;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The line shown on a row (row < rowCount). */
export function rowToLine(map: RowMap, row: number): number {
  const segment = segmentAt(map.segments, "row", row);
  return segment ? segment.line + (row - segment.row) : row;
}

/** The row showing a line, or null if it is hidden. */
export function lineToRow(map: RowMap, line: number): number | null {
  const segment = segmentAt(map.segments, "line", line);
  return segment && line < segment.line + segment.count ? segment.row + (line - segment.line) : null;
}

/** The row showing a line, or if it is hidden, the last row before it. */
export function nearestRow(map: RowMap, line: number): number {
  const segment = segmentAt(map.segments, "line", line);
  if (!segment) return 0;
  return segment.row + Math.min(line - segment.line, segment.count - 1);
}

/** The lines shown on rows [firstRow, endRow), as ranges of line indices. */
export function lineRangesOfRows(map: RowMap, firstRow: number, endRow: number): LineRange[] {
  const ranges: LineRange[] = [];
  for (const segment of map.segments) {
    const from = Math.max(firstRow, segment.row);
    const to = Math.min(endRow, segment.row + segment.count);
    if (from < to) ranges.push([segment.line + (from - segment.row), segment.line + (to - segment.row)]);
  }
  return ranges;
}

/** The collapsed groups a line is inside: expanding them shows it. */
export function collapsedAround(groups: readonly LogGroup[], collapsed: ReadonlySet<number>, line: number): number[] {
  return groups.filter((g) => collapsed.has(g.start) && g.start < line && (g.end === null || line <= g.end)).map((g) => g.start);
}

/** The collapsed set with the groups around a line expanded (the same set if none hid it). */
export function expandAround(groups: readonly LogGroup[], collapsed: ReadonlySet<number>, line: number): ReadonlySet<number> {
  const hiding = collapsedAround(groups, collapsed, line);
  return hiding.length ? new Set([...collapsed].filter((start) => !hiding.includes(start))) : collapsed;
}
