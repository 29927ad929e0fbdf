import "server-only";
import fs from "node:fs/promises";
import type { SegmentState } from "./scan-run-log";
import { decodeRecord, RECORD_BYTES, segmentPaths, type IndexRecord } from "./segment-format";
import type { LogChunk } from "./types";

const RECORDS_PER_READ = 4096;
/** Neighbouring records of one stream are served as one chunk when this close in time: fewer, larger events. */
const MERGE_WITHIN_MS = 1000;

/** Where the last read stopped: lets a follower continue without searching the index again. */
export interface ReadHint {
  segmentStart: number;
  record: number;
  /** Offset of that record's first byte. */
  offset: number;
}

/** The visible stand-in for bytes the size limit cut: a system-stream note, not log bytes. */
export function cutMarker(from: number, to: number, time: number): LogChunk {
  const note = `\r\n✂ … ${to - from} bytes cut (the run's log was over its size limit) …\r\n`;
  return { offset: from, end: to, stream: "system", time, data: Buffer.from(note, "utf8"), cut: true };
}

/**
 * Reads chunks from `from` on, up to `maxBytes` log bytes (the last chunk may be a part of one),
 * from the committed part of the segments given. A position inside a cut yields one cut marker
 * (which counts for nothing) and reading goes on after the cut.
 */
export async function readSegments(
  dir: string,
  segments: readonly SegmentState[],
  from: number,
  maxBytes: number,
  hint?: ReadHint,
): Promise<{ chunks: LogChunk[]; hint?: ReadHint }> {
  const chunks: LogChunk[] = [];
  let position = from;
  let budget = maxBytes;
  let pendingCut: LogChunk | null = null;
  let next = hint;
  for (const segment of segments) {
    const end = segment.start + segment.bytes;
    if (budget <= 0) break;
    if (end <= position || segment.bytes === 0) continue;
    if (segment.start > position) {
      pendingCut = cutMarker(position, segment.start, 0);
      chunks.push(pendingCut);
      position = segment.start;
    }
    const read = await readSegment(dir, segment, position, budget, next?.segmentStart === segment.start ? next : undefined);
    if (pendingCut && read.chunks[0]) pendingCut.time = read.chunks[0].time;
    pendingCut = null;
    chunks.push(...read.chunks);
    next = read.hint;
    const bytes = read.chunks.reduce((sum, chunk) => sum + chunk.data.length, 0);
    position += bytes;
    budget -= bytes;
    if (position < end) break; // the budget ran out inside this segment
  }
  return { chunks, hint: next };
}

async function readSegment(dir: string, segment: SegmentState, from: number, budget: number, hint: ReadHint | undefined): Promise<{ chunks: LogChunk[]; hint: ReadHint }> {
  const paths = segmentPaths(dir, segment.start);
  const index = await fs.open(paths.index, "r");
  let records: IndexRecord[] = [];
  let first = 0;
  try {
    const available = (from: number) => Math.min(RECORDS_PER_READ, segment.records - from);
    if (hint && hint.offset <= from && hint.record < segment.records) {
      first = hint.record;
      records = await readRecords(index, first, available(first));
      // The hint may point at a record before `from`: skip those that end at or before it.
      const skip = records.findIndex((record) => record.offset + record.length > from);
      records = skip > 0 ? records.slice(skip) : skip === 0 ? records : [];
      first += Math.max(skip, 0);
    }
    if (!records[0] || records[0].offset > from) {
      first = await findRecord(index, segment.records, from);
      records = await readRecords(index, first, available(first));
    }
  } finally {
    await index.close();
  }
  const last = records.at(-1);
  if (!last) throw new Error(`Run log segment ${paths.index} has no record for offset ${from}`);
  const until = Math.min(last.offset + last.length, from + budget, segment.start + segment.bytes);
  const data = Buffer.alloc(until - from);
  const file = await fs.open(paths.data, "r");
  try {
    const { bytesRead } = await file.read(data, 0, data.length, from - segment.start);
    if (bytesRead < data.length) throw new Error(`Run log segment ${paths.data} is shorter than its index`);
  } finally {
    await file.close();
  }
  const chunks: LogChunk[] = [];
  let nextHint: ReadHint = { segmentStart: segment.start, record: first, offset: records[0]!.offset };
  for (const [i, record] of records.entries()) {
    const start = Math.max(record.offset, from);
    const stop = Math.min(record.offset + record.length, until);
    if (stop <= start) break;
    const previous = chunks.at(-1);
    if (previous && previous.stream === record.stream && previous.end === start && record.time - previous.time <= MERGE_WITHIN_MS) {
      previous.end = stop;
      previous.data = data.subarray(previous.offset - from, stop - from);
    } else {
      chunks.push({ offset: start, end: stop, stream: record.stream, time: record.time, data: data.subarray(start - from, stop - from) });
    }
    nextHint = stop === record.offset + record.length ? { segmentStart: segment.start, record: first + i + 1, offset: stop } : { segmentStart: segment.start, record: first + i, offset: record.offset };
  }
  return { chunks, hint: nextHint };
}

/** Binary search: the record whose bytes contain `offset`. */
async function findRecord(index: fs.FileHandle, count: number, offset: number): Promise<number> {
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    const [record] = await readRecords(index, middle, 1);
    if (record && record.offset <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

async function readRecords(index: fs.FileHandle, first: number, count: number): Promise<IndexRecord[]> {
  if (count <= 0) return [];
  const buffer = Buffer.alloc(count * RECORD_BYTES);
  const { bytesRead } = await index.read(buffer, 0, buffer.length, first * RECORD_BYTES);
  const records: IndexRecord[] = [];
  for (let at = 0; at + RECORD_BYTES <= bytesRead; at += RECORD_BYTES) {
    const record = decodeRecord(buffer, at);
    if (!record) throw new Error(`Run log index record ${first + at / RECORD_BYTES} is damaged`);
    records.push(record);
  }
  return records;
}
