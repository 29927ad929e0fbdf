// Messages between the log viewer (main thread) and its worker (log.worker.ts), which owns the
// TerminalLog. The main thread sends bytes and asks for the lines it shows; it never holds them all.

import type { StyleSpan } from "@/components/logs/model/terminal-log";

export type LogStreamName = "stdout" | "stderr" | "system";

/** What a line is: log text, a group's `::group::` / `::endgroup::` marker, or a note for bytes the size limit cut. */
export type LineKind = "text" | "group" | "endgroup" | "cut";

/** One line as the viewer draws it. `time` is when the chunk that started the line was appended (ms). */
export interface WireLine {
  index: number;
  text: string;
  spans: StyleSpan[];
  time: number;
  kind: LineKind;
}

/** A collapsible group: its `::group::` line and its `::endgroup::` line (null while still open). */
export interface LogGroup {
  start: number;
  end: number | null;
  name: string;
  /** 0 for a top-level group. */
  depth: number;
  startTime: number;
  endTime: number | null;
}

/** A [from, to) range of line indices. */
export type LineRange = [from: number, to: number];

export type ToWorker =
  /** One event of the run's log, as the subscription delivered it (data: base64 of the raw bytes; skip: leading bytes already sent). */
  | { type: "chunk"; stream: LogStreamName; time: number; data: string; cut: boolean; skip?: number }
  /** The log is complete. */
  | { type: "end" }
  | { type: "lines"; id: number; ranges: LineRange[] }
  /** Starts (or, with "", stops) a search over all lines; results follow as "search" messages, live. */
  | { type: "search"; query: string }
  /** The whole log as plain text (copy all). */
  | { type: "text"; id: number };

export interface LogChangeNotice {
  type: "change";
  /** Lines from here on may differ from what the main thread holds (or be new). */
  from: number;
  lineCount: number;
  finalizedCount: number;
  /** Time of the first chunk: the origin of relative timestamps. */
  startTime: number | null;
  ended: boolean;
  /** The groups, when they changed since the previous notice (else null). */
  groups: LogGroup[] | null;
}

export interface SearchNotice {
  type: "search";
  query: string;
  /** Replace every match on a line >= from with `matches`. */
  from: number;
  /** The line index of each match (one entry per occurrence), ascending, all >= from. */
  matches: Int32Array;
  /** Every line has been searched (so far): false while a long search is still running. */
  done: boolean;
  /** More matches than the worker keeps: the count is a lower bound. */
  capped: boolean;
}

export type FromWorker =
  | LogChangeNotice
  | SearchNotice
  | { type: "lines"; id: number; lines: WireLine[] }
  | { type: "text"; id: number; text: string }
  | { type: "error"; message: string };
