import type { LogLineReader } from "../scan-log-lines";
import type { LogChunk } from "../types";

/** A log of the given pieces (a number is a cut of that many bytes), read back in chunks of at most `step`. */
export function fakeLog(pieces: ReadonlyArray<string | number>, step = 7): LogLineReader {
  const chunks: LogChunk[] = [];
  let offset = 0;
  for (const piece of pieces) {
    if (typeof piece === "number") {
      chunks.push({ offset, end: offset + piece, stream: "system", time: 0, data: Buffer.from("\r\n✂ cut\r\n"), cut: true });
      offset += piece;
      continue;
    }
    for (let i = 0; i < piece.length; i += step) {
      const data = Buffer.from(piece.slice(i, i + step));
      chunks.push({ offset, end: offset + data.length, stream: "stdout", time: 0, data });
      offset += data.length;
    }
  }
  const size = offset;
  return {
    stat: () => Promise.resolve({ size, closed: true }),
    read: (_runId, from, maxBytes) => {
      const out: LogChunk[] = [];
      let budget = maxBytes;
      for (const chunk of chunks) {
        if (chunk.end <= from || budget <= 0) continue;
        const skip = chunk.cut ? 0 : from - chunk.offset;
        const data = chunk.cut ? chunk.data : chunk.data.subarray(Math.max(0, skip), Math.max(0, skip) + budget);
        out.push({ ...chunk, offset: Math.max(chunk.offset, from), end: chunk.cut ? chunk.end : Math.max(chunk.offset, from) + data.length, data });
        if (!chunk.cut) budget -= data.length;
      }
      return Promise.resolve(out);
    },
  };
}

/** Lines `line 000\n` … numbered from `from` to `to` (exclusive): 9 bytes each. */
export const numberedLines = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `line ${String(from + i).padStart(3, "0")}\n`).join("");
