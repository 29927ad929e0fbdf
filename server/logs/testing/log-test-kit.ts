import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { RunLogStore } from "../run-log-store";
import type { LogChunk, LogStream } from "../types";

/** A fresh logs root in the temp dir, removed by `cleanup`. */
export function tempLogsRoot(): { root: string; cleanup: () => void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "slipway-logs-"));
  return { root, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/** The whole log as stored, through `read` in pieces of `step` bytes: its chunks and its log bytes. */
export async function readWhole(store: RunLogStore, runId: string, step = 64 * 1024): Promise<{ chunks: LogChunk[]; bytes: Buffer }> {
  const chunks: LogChunk[] = [];
  const { size } = await store.stat(runId);
  for (let offset = 0; offset < size; ) {
    const got = await store.read(runId, offset, step);
    if (got.length === 0) throw new Error(`read returned nothing at ${offset} of ${size}`);
    chunks.push(...got);
    offset = got.at(-1)!.end;
  }
  return { chunks, bytes: logBytes(chunks) };
}

/** The log bytes of chunks, leaving out cut markers (they are notes, not bytes of the log). */
export function logBytes(chunks: readonly LogChunk[]): Buffer {
  return Buffer.concat(chunks.filter((chunk) => !chunk.cut).map((chunk) => chunk.data));
}

/** Chunks follow each other with no gap and no overlap. */
export function expectContiguous(chunks: readonly LogChunk[], from = 0): void {
  let at = from;
  for (const chunk of chunks) {
    if (chunk.offset !== at) throw new Error(`chunk at ${chunk.offset}, expected ${at}`);
    if (!chunk.cut && chunk.end !== chunk.offset + chunk.data.length) throw new Error(`chunk at ${chunk.offset} ends at ${chunk.end} with ${chunk.data.length} bytes`);
    at = chunk.end;
  }
}

/** Numbered lines of equal length ("00000042\n"): any prefix of the sequence is easy to check. */
export function counterLine(n: number): string {
  return `${String(n).padStart(8, "0")}\n`;
}

export function counterLines(from: number, to: number): Buffer {
  let text = "";
  for (let n = from; n < to; n++) text += counterLine(n);
  return Buffer.from(text);
}

export const COUNTER_LINE_BYTES = counterLine(0).length;

/** The stream counter line `n` is written to: every fifth goes to stderr. */
export function counterStream(n: number): LogStream {
  return n % 5 === 0 ? "stderr" : "stdout";
}

/** Checks stored chunks against the counter sequence: every byte at its offset, on its line's stream. */
export function counterMismatch(chunks: readonly LogChunk[]): string | null {
  for (const chunk of chunks) {
    if (chunk.cut) continue;
    const first = Math.floor(chunk.offset / COUNTER_LINE_BYTES);
    const last = Math.floor((chunk.end - 1) / COUNTER_LINE_BYTES);
    const expected = counterLines(first, last + 1).subarray(chunk.offset - first * COUNTER_LINE_BYTES, chunk.end - first * COUNTER_LINE_BYTES);
    if (!Buffer.from(chunk.data).equals(expected)) return `bytes at ${chunk.offset}..${chunk.end} differ from the counter sequence`;
    for (let n = first; n <= last; n++) {
      if (counterStream(n) !== chunk.stream) return `line ${n} (in the chunk at ${chunk.offset}) is on ${chunk.stream}, expected ${counterStream(n)}`;
    }
  }
  return null;
}
