import "server-only";
import path from "node:path";
import type { LogStream } from "./types";

/*
 * A run's log directory (`<data dir>/logs/<runId>/`) holds `meta.json` (the limits the log was
 * created with, and closedAt once the run is over) and segments. The first segment is the head
 * ([0, headBytes)); after it come tail segments of segmentBytes each, the oldest of which are
 * deleted to keep the tail window: the missing range between them is the cut.
 * Segment `<start>` is two files:
 *   <start>.log  the raw bytes [start, start + size): file position = logical offset - start
 *   <start>.idx  fixed 24-byte records, one per chunk, in offset order, contiguous:
 *                u64 offset | u64 time (ms) | u32 length | u8 stream | u8 magic | u16 zero
 * `<start>` is the segment's first logical offset as 12 hex digits. The `.idx` file is created after
 * the `.log` and removed before it, so a segment exists exactly when its `.idx` does.
 */

export const RECORD_BYTES = 24;
const MAGIC = 0x4c; // "L"
const STREAM_CODES: Record<LogStream, number> = { stdout: 1, stderr: 2, system: 3 };
const STREAMS: Record<number, LogStream> = { 1: "stdout", 2: "stderr", 3: "system" };

export interface IndexRecord {
  offset: number;
  time: number;
  length: number;
  stream: LogStream;
}

export function encodeRecords(records: readonly IndexRecord[]): Buffer {
  const buffer = Buffer.alloc(records.length * RECORD_BYTES);
  records.forEach((record, i) => {
    const at = i * RECORD_BYTES;
    buffer.writeBigUInt64LE(BigInt(record.offset), at);
    buffer.writeBigUInt64LE(BigInt(Math.max(0, Math.floor(record.time))), at + 8);
    buffer.writeUInt32LE(record.length, at + 16);
    buffer.writeUInt8(STREAM_CODES[record.stream], at + 20);
    buffer.writeUInt8(MAGIC, at + 21);
  });
  return buffer;
}

/** The record at `at`, or null when the bytes there are not a well-formed record (torn or zero-filled). */
export function decodeRecord(buffer: Buffer, at: number): IndexRecord | null {
  if (buffer.length < at + RECORD_BYTES || buffer[at + 21] !== MAGIC) return null;
  const stream = STREAMS[buffer[at + 20]!];
  const length = buffer.readUInt32LE(at + 16);
  if (!stream || length === 0) return null;
  return { offset: Number(buffer.readBigUInt64LE(at)), time: Number(buffer.readBigUInt64LE(at + 8)), length, stream };
}

const SEGMENT_NAME = /^([0-9a-f]{12})\.(log|idx)$/;

export function segmentName(start: number): string {
  return start.toString(16).padStart(12, "0");
}

export function segmentPaths(dir: string, start: number): { data: string; index: string } {
  const name = segmentName(start);
  return { data: path.join(dir, `${name}.log`), index: path.join(dir, `${name}.idx`) };
}

/** Segment starts found in a directory listing, ascending: those with an index, and stray data files. */
export function parseSegmentListing(names: readonly string[]): { segments: number[]; strayData: number[] } {
  const data = new Set<number>();
  const index = new Set<number>();
  for (const name of names) {
    const match = SEGMENT_NAME.exec(name);
    if (!match) continue;
    (match[2] === "log" ? data : index).add(Number.parseInt(match[1]!, 16));
  }
  const segments = [...index].sort((a, b) => a - b);
  const strayData = [...data].filter((start) => !index.has(start)).sort((a, b) => a - b);
  return { segments, strayData };
}
