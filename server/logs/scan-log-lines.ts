import "server-only";
import type { LogChunk } from "./types";

const SCAN_BYTES = 4 * 1024 * 1024;
const NEWLINE = 0x0a;

/** What a scan needs of the store (the RunLogStore, or a fake in tests). */
export interface LogLineReader {
  stat(runId: string): Promise<{ size: number; closed: boolean }>;
  read(runId: string, fromOffset: number, maxBytes: number): Promise<LogChunk[]>;
}

/**
 * Calls `visit(boundary, lines)` at each line boundary of the log, from its start: the offset where
 * a line starts and how many lines come before it (each "\n" ends one; a cut counts as one line, its
 * note standing in for its bytes). Stops when `visit` returns true; resolves the number of lines
 * read through. The store keeps no line index, so this reads the log from its first byte.
 */
export async function scanLogLines(reader: LogLineReader, runId: string, size: number, visit: (boundary: number, lines: number) => boolean): Promise<number> {
  let lines = 0;
  if (visit(0, 0)) return 0;
  for (let offset = 0; offset < size; ) {
    const chunks = await reader.read(runId, offset, SCAN_BYTES);
    if (chunks.length === 0) break;
    for (const chunk of chunks) {
      offset = chunk.end;
      if (chunk.cut) {
        if (visit(chunk.end, ++lines)) return lines;
        continue;
      }
      const bytes = Buffer.from(chunk.data.buffer, chunk.data.byteOffset, chunk.data.byteLength);
      for (let at = bytes.indexOf(NEWLINE); at >= 0; at = bytes.indexOf(NEWLINE, at + 1)) {
        if (visit(chunk.offset + at + 1, ++lines)) return lines;
      }
    }
  }
  return lines;
}

/** How many lines of the log come before `offset` (a line boundary, else the line it is in is not counted). */
export async function countLogLines(reader: LogLineReader, runId: string, offset: number): Promise<number> {
  const { size } = await reader.stat(runId);
  let before = 0;
  await scanLogLines(reader, runId, Math.min(offset, size), (boundary, lines) => {
    if (boundary > offset) return true;
    before = lines;
    return boundary === offset;
  });
  return before;
}
