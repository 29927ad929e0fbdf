/** Plain data shapes of the run log store. */

/** Where a byte came from: the container's stdout or stderr, or Slipway itself (pull progress, exit status …). */
export type LogStream = "stdout" | "stderr" | "system";

export const LOG_STREAMS: readonly LogStream[] = ["stdout", "stderr", "system"];

export interface LogChunk {
  /** Logical offset of the first byte: the identity of that byte, stable forever. */
  offset: number;
  /** Where the next chunk starts: `offset + data.length`, or the end of the cut for a cut marker. */
  end: number;
  stream: LogStream;
  /** When its first byte was appended, in ms since the epoch (neighbouring appends within a second share a chunk). */
  time: number;
  data: Uint8Array;
  /** Set on the marker that stands in for bytes the size limit cut (its data is a note, not log bytes). */
  cut?: true;
}

/** Bytes the size limit removed: `[from, to)`. */
export interface CutRange {
  from: number;
  to: number;
}

export interface RunLogStat {
  /** Logical size: the offset the next byte will get. */
  size: number;
  /** The run finished and its log is complete. */
  closed: boolean;
  closedAt: number | null;
  /** Ranges the size limit removed (at most one: between the head and the tail window). */
  cut: CutRange[];
}

export interface RunLogLimits {
  /** Bytes kept from the start of the log. */
  headBytes: number;
  /** Bytes kept at most from the end of the log (rounded down to whole segments). */
  tailBytes: number;
  /** Size of one tail segment file: the tail window moves by this much at a time. */
  segmentBytes: number;
}
