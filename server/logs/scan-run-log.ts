import "server-only";
import fs from "node:fs/promises";
import { isTailSegment, maxTailSegments, segmentCapacity } from "./log-meta";
import { decodeRecord, parseSegmentListing, RECORD_BYTES, segmentPaths } from "./segment-format";
import type { CutRange, RunLogLimits } from "./types";

/** What of a segment is committed: `bytes` data bytes described by `records` index records. */
export interface SegmentState {
  start: number;
  bytes: number;
  records: number;
}

/** Records read at a time when looking back from the end of an index. */
const SCAN_BLOCK = 256;

/**
 * Finds what a run's log really holds: segment after segment, the well-formed, contiguous index
 * records backed by data. With `repair`, cuts everything after it off the
 * disk (a torn record or data written without its record at the end, segments a crash left behind),
 * so appends continue exactly at the returned size.
 */
export async function scanRunLog(dir: string, limits: RunLogLimits, options: { repair: boolean }): Promise<SegmentState[]> {
  const { segments: starts, strayData } = parseSegmentListing(await listDir(dir));
  if (options.repair) for (const start of strayData) await fs.rm(segmentPaths(dir, start).data, { force: true });

  // Each segment's own state is independent of the others: look at them all at once.
  const scanned = await Promise.all(starts.map((start) => scanSegment(dir, limits, start, options.repair)));
  const kept: SegmentState[] = [];
  let dropFrom = starts.length;
  for (const [i, segment] of scanned.entries()) {
    const previous = kept.at(-1);
    const end = previous ? previous.start + previous.bytes : 0;
    const contiguous = segment.start === end && (!previous || previous.bytes === segmentCapacity(limits, previous.start));
    if (!contiguous && !isCutBefore(limits, segment.start, previous)) {
      dropFrom = i;
      break;
    }
    kept.push(segment);
  }
  if (options.repair) {
    for (const start of starts.slice(dropFrom)) await removeSegment(dir, start);
    const tail = kept.filter((segment) => isTailSegment(limits, segment.start));
    // A crash between creating a tail segment and evicting the oldest one leaves one too many.
    for (const extra of tail.slice(0, Math.max(0, tail.length - maxTailSegments(limits)))) {
      await removeSegment(dir, extra.start);
      kept.splice(kept.indexOf(extra), 1);
    }
  }
  return kept;
}

/** The gap before the first tail segment left by evicting older ones (only after a full head). */
function isCutBefore(limits: RunLogLimits, start: number, previous: SegmentState | undefined): boolean {
  const aligned = isTailSegment(limits, start) && (start - limits.headBytes) % limits.segmentBytes === 0;
  if (!aligned) return false;
  if (!previous) return limits.headBytes === 0 && start > 0;
  return !isTailSegment(limits, previous.start) && previous.start + previous.bytes === limits.headBytes && start > limits.headBytes;
}

/**
 * A segment's committed part. Records are contiguous and only the end of an index can be torn
 * (appends write data, then records, in order), so this looks back from the end for the last
 * record that is well formed, follows its predecessor and is backed by data.
 */
async function scanSegment(dir: string, limits: RunLogLimits, start: number, repair: boolean): Promise<SegmentState> {
  const paths = segmentPaths(dir, start);
  const dataSize = await fileSize(paths.data);
  const limit = start + Math.min(dataSize, segmentCapacity(limits, start));
  const index = await fs.open(paths.index, repair ? "r+" : "r");
  let state: SegmentState = { start, bytes: 0, records: 0 };
  try {
    const indexSize = (await index.stat()).size;
    search: for (let count = Math.floor(indexSize / RECORD_BYTES); count > 0; count -= SCAN_BLOCK) {
      const first = Math.max(0, count - SCAN_BLOCK);
      const from = Math.max(0, first - 1); // one more, to check the first record's predecessor
      const block = Buffer.alloc((count - from) * RECORD_BYTES);
      await index.read(block, 0, block.length, from * RECORD_BYTES);
      for (let k = count - 1; k >= first; k--) {
        const record = decodeRecord(block, (k - from) * RECORD_BYTES);
        if (!record || record.offset < start || record.offset + record.length > limit) continue;
        const previous = k > 0 ? decodeRecord(block, (k - 1 - from) * RECORD_BYTES) : null;
        const follows = k === 0 ? record.offset === start : previous !== null && previous.offset + previous.length === record.offset;
        if (!follows) continue;
        state = { start, bytes: record.offset + record.length - start, records: k + 1 };
        break search;
      }
    }
    if (repair && indexSize > state.records * RECORD_BYTES) await index.truncate(state.records * RECORD_BYTES);
  } finally {
    await index.close();
  }
  if (repair && dataSize > state.bytes) await fs.truncate(paths.data, state.bytes);
  return state;
}

/** Removes a segment: index first, so a crash in between leaves only a stray data file. */
export async function removeSegment(dir: string, start: number): Promise<void> {
  const paths = segmentPaths(dir, start);
  await fs.rm(paths.index, { force: true });
  await fs.rm(paths.data, { force: true });
}

/** The ranges no segment covers between 0 and the end: bytes the size limit cut. */
export function cutRanges(segments: readonly SegmentState[]): CutRange[] {
  const cuts: CutRange[] = [];
  let end = 0;
  for (const segment of segments) {
    if (segment.start > end) cuts.push({ from: end, to: segment.start });
    end = segment.start + segment.bytes;
  }
  return cuts;
}

export function logSize(segments: readonly SegmentState[]): number {
  const last = segments.at(-1);
  return last ? last.start + last.bytes : 0;
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

async function fileSize(file: string): Promise<number> {
  try {
    return (await fs.stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw error;
  }
}
