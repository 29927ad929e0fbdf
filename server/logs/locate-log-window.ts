import "server-only";
import { scanLogLines, type LogLineReader } from "./scan-log-lines";

/**
 * How much of a log the viewer loads first (its tail: small, so the last screen shows at once), how much
 * more each "Load earlier" adds, and how much it holds at most.
 */
export const TAIL_BYTES = 1024 * 1024;
export const EARLIER_BYTES = 4 * 1024 * 1024;
export const MAX_WINDOW_BYTES = 16 * 1024 * 1024;
/** Lines shown above a permalinked line when the window starts at it. */
const CONTEXT_LINES = 20;
const PROBE_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

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
  /** The viewer may not go further back: it holds at most `maxBytes` (this many) before the end. */
  limited: boolean;
  maxBytes: number;
}

/**
 * Where the viewer's window of a run's log starts: the first line boundary at or after the end minus
 * `tailBytes` (or `before` minus `earlierBytes`), never further back than `maxBytes` before the end;
 * or the line `line` (with a little context) when that is later in the log than the limit. Only a
 * permalinked line makes it read the log from its start (to count lines); the number of lines before
 * the window is countLogLines' job, so the viewer can stream the window meanwhile.
 */
export async function locateLogWindow(reader: LogLineReader, runId: string, request: LogWindowRequest = {}, sizes: LogWindowSizes = SIZES): Promise<LogWindow> {
  const { size, closed } = await reader.stat(runId);
  const end = Math.min(request.before ?? size, size);
  const windowBytes = request.before === undefined ? sizes.tailBytes : sizes.earlierBytes;
  const floor = Math.max(0, size - sizes.maxBytes);
  const limited = floor > 0 && end - windowBytes <= floor;
  let want = Math.max(floor, end - windowBytes);
  if (request.line !== undefined) {
    const targetLine = Math.max(0, request.line - CONTEXT_LINES);
    await scanLogLines(reader, runId, size, (boundary, lines) => {
      if (lines === targetLine && boundary >= floor) want = Math.min(want, boundary);
      return lines >= targetLine || boundary >= want;
    });
  }
  return { size, closed, start: await lineStartFrom(reader, runId, want, size), limited, maxBytes: sizes.maxBytes };
}

/** The first line boundary at or after `offset`; `offset` itself when no line starts after it (or at 0). */
async function lineStartFrom(reader: LogLineReader, runId: string, offset: number, size: number): Promise<number> {
  if (offset === 0) return 0;
  // The byte before `offset` may be the "\n" that makes `offset` a boundary.
  for (let at = offset - 1; at < size; ) {
    const chunks = await reader.read(runId, at, PROBE_BYTES);
    if (chunks.length === 0) break;
    for (const chunk of chunks) {
      if (chunk.cut) return chunk.end;
      const newline = Buffer.from(chunk.data.buffer, chunk.data.byteOffset, chunk.data.byteLength).indexOf(NEWLINE);
      if (newline >= 0) return chunk.offset + newline + 1;
      at = chunk.end;
    }
  }
  return offset;
}
