import "server-only";
import type { LogChunk } from "./types";

/**
 * How much of a log the viewer loads first (its tail: small, so the last screen shows at once), how much
 * more each "Load earlier" adds, and how much it holds at most.
 */
export const TAIL_BYTES = 1024 * 1024;
export const EARLIER_BYTES = 4 * 1024 * 1024;
export const MAX_WINDOW_BYTES = 16 * 1024 * 1024;
/** Lines shown above a permalinked line when the window starts at it. */
const CONTEXT_LINES = 20;
const SCAN_BYTES = 4 * 1024 * 1024;
const NEWLINE = 0x0a;

/** What the window needs of the store (the RunLogStore, or a fake in tests). */
export interface LogWindowReader {
  stat(runId: string): Promise<{ size: number; closed: boolean }>;
  read(runId: string, fromOffset: number, maxBytes: number): Promise<LogChunk[]>;
}

export interface LogWindowRequest {
  /** Load the bytes before this offset (the start of the window held now); default: the log's end. */
  before?: number;
  /** A line (0-based) the window should include, if the limit allows. */
  line?: number;
}

export interface LogWindowSizes {
  tailBytes: number;
  earlierBytes: number;
  maxBytes: number;
}

const SIZES: LogWindowSizes = { tailBytes: TAIL_BYTES, earlierBytes: EARLIER_BYTES, maxBytes: MAX_WINDOW_BYTES };

export interface LogWindow {
  /** The log's size when asked. */
  size: number;
  closed: boolean;
  /** Where the viewer starts reading: the start of a line (or 0). */
  start: number;
  /** How many lines come before `start` (each "\n" ends one; a cut counts as one line). */
  firstLine: number;
  /** The viewer may not go further back: it holds at most `maxBytes` before the end. */
  limited: boolean;
}

/**
 * Where the viewer's window of a run's log starts: the first line boundary at or after the end minus
 * `tailBytes` (or `before` minus `earlierBytes`), never further back than `maxBytes` before the end; or the
 * line `line` (with a little context) when that is later in the log than the limit. It counts the
 * lines before that boundary, reading the log from its start (the store keeps no line index).
 */
export async function locateLogWindow(reader: LogWindowReader, runId: string, request: LogWindowRequest = {}, sizes: LogWindowSizes = SIZES): Promise<LogWindow> {
  const { size, closed } = await reader.stat(runId);
  const end = Math.min(request.before ?? size, size);
  const windowBytes = request.before === undefined ? sizes.tailBytes : sizes.earlierBytes;
  const floor = Math.max(0, size - sizes.maxBytes);
  const limited = floor > 0 && end - windowBytes <= floor;
  const targetLine = request.line === undefined ? null : Math.max(0, request.line - CONTEXT_LINES);
  let want = Math.max(floor, end - windowBytes);
  /** At a line boundary `at` with `lines` lines before it: the window starts here, or not yet. */
  const startsAt = (at: number, lines: number): boolean => {
    if (targetLine === lines && at >= floor) want = Math.min(want, at);
    return at >= want;
  };
  let lines = 0;
  if (startsAt(0, 0)) return { size, closed, start: 0, firstLine: 0, limited };
  for (let offset = 0; offset < size; ) {
    const chunks = await reader.read(runId, offset, SCAN_BYTES);
    if (chunks.length === 0) break;
    for (const chunk of chunks) {
      offset = chunk.end;
      if (chunk.cut) {
        // The cut's note stands in for its bytes as one line of its own.
        if (startsAt(chunk.end, ++lines)) return { size, closed, start: chunk.end, firstLine: lines, limited };
        continue;
      }
      const bytes = Buffer.from(chunk.data.buffer, chunk.data.byteOffset, chunk.data.byteLength);
      for (let at = bytes.indexOf(NEWLINE); at >= 0; at = bytes.indexOf(NEWLINE, at + 1)) {
        const boundary = chunk.offset + at + 1;
        if (startsAt(boundary, ++lines)) return { size, closed, start: boundary, firstLine: lines, limited };
      }
    }
  }
  // No line starts in the window: it starts inside the last line.
  return { size, closed, start: Math.min(want, size), firstLine: lines, limited };
}
