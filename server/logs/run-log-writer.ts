import "server-only";
import fs from "node:fs/promises";
import { AppError } from "@/server/errors";
import { isTailSegment, maxTailSegments, segmentCapacity } from "./log-meta";
import { removeSegment, type SegmentState } from "./scan-run-log";
import { encodeRecords, RECORD_BYTES, segmentPaths, type IndexRecord } from "./segment-format";
import { SecretMasker } from "./secret-masker";
import { LOG_STREAMS, type LogStream, type RunLogLimits } from "./types";

/** A record never describes more than this, whatever the segment size. */
const MAX_RECORD_BYTES = 1 << 30;

interface Piece {
  stream: LogStream;
  time: number;
  data: Buffer;
}

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

interface OpenSegment {
  state: SegmentState;
  data: fs.FileHandle;
  index: fs.FileHandle;
}

/**
 * Appends to one run's log. Bytes are masked per stream, queued, and written in batches: while one
 * batch is being written, the next gathers (group commit), so many small appends cost a few large
 * writes. An append resolves once its bytes are in the files (the page cache, which survives the
 * panel being killed), not fsynced.
 */
export class RunLogWriter {
  private readonly maskers: Record<LogStream, SecretMasker>;
  private queue: Piece[] = [];
  /** Settles when what is queued now has been written. */
  private pending: Deferred | null = null;
  private draining: Promise<void> | null = null;
  private open: OpenSegment | null = null;
  private failure: unknown = null;
  private finishing = false;

  constructor(
    private readonly dir: string,
    private readonly limits: RunLogLimits,
    /** Committed state: mutated in place as batches land; readers get copies. */
    private readonly segments: SegmentState[],
    private readonly clock: () => number,
    secrets: Iterable<string | Uint8Array>,
    private readonly onCommit: () => void,
  ) {
    const values = [...secrets];
    this.maskers = Object.fromEntries(LOG_STREAMS.map((stream) => [stream, new SecretMasker(values)])) as Record<LogStream, SecretMasker>;
  }

  /** The committed segments: what readers may read. */
  snapshot(): SegmentState[] {
    return this.segments.map((segment) => ({ ...segment }));
  }

  append(stream: LogStream, data: Uint8Array): Promise<void> {
    if (this.finishing) return Promise.reject(new AppError("CONFLICT", "This run's log is closed: nothing more can be appended."));
    if (this.failure) return Promise.reject(this.failure);
    this.enqueue(stream, this.maskers[stream].push(data));
    return this.flush();
  }

  /**
   * Releases what the maskers hold back, writes everything queued and closes the files.
   * Nothing can be appended afterwards.
   */
  async finish(): Promise<void> {
    this.finishing = true;
    if (this.failure) {
      await this.draining;
      await this.closeFiles();
      throw this.failure;
    }
    for (const stream of LOG_STREAMS) this.enqueue(stream, this.maskers[stream].end());
    try {
      await this.flush();
      await this.draining;
      if (this.failure) throw this.failure;
    } finally {
      await this.closeFiles();
    }
  }

  private enqueue(stream: LogStream, data: Buffer): void {
    // No copy: callers leave `data` alone until their append settles.
    if (data.length > 0) this.queue.push({ stream, time: this.clock(), data });
  }

  private flush(): Promise<void> {
    if (this.queue.length === 0) return Promise.resolve();
    this.pending ??= deferred();
    // setImmediate: let the appends of this turn of the event loop join the batch.
    this.draining ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.drain());
    return this.pending.promise;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 && this.pending) {
      const batch = this.queue;
      const done = this.pending;
      this.queue = [];
      this.pending = null;
      try {
        await this.write(batch);
        done.resolve();
        this.onCommit();
      } catch (error) {
        // The files may now end in a torn batch: refuse more appends; reopening repairs the log.
        this.failure = error;
        done.reject(error);
        this.abandonQueue(error);
      }
    }
    this.draining = null;
  }

  /** Appends queued while a write failed fail with it. */
  private abandonQueue(error: unknown): void {
    this.pending?.reject(error);
    this.pending = null;
    this.queue = [];
  }

  private async write(batch: Piece[]): Promise<void> {
    let segment = await this.writableSegment();
    let parts: Buffer[] = [];
    let records: IndexRecord[] = [];
    let written = 0;
    for (const piece of batch) {
      for (let at = 0; at < piece.data.length; ) {
        let room = segmentCapacity(this.limits, segment.state.start) - segment.state.bytes - written;
        if (room === 0) {
          await this.commit(segment, parts, records);
          [parts, records, written] = [[], [], 0];
          segment = await this.roll();
          room = segmentCapacity(this.limits, segment.state.start);
        }
        const take = Math.min(room, piece.data.length - at, MAX_RECORD_BYTES);
        const last = records.at(-1);
        if (last && last.stream === piece.stream && last.length + take <= MAX_RECORD_BYTES) last.length += take;
        else records.push({ offset: segment.state.start + segment.state.bytes + written, time: piece.time, length: take, stream: piece.stream });
        parts.push(piece.data.subarray(at, at + take));
        written += take;
        at += take;
      }
    }
    await this.commit(segment, parts, records);
  }

  /** Data first, then the records describing it: a crash in between leaves data the scan cuts off. */
  private async commit(segment: OpenSegment, parts: Buffer[], records: IndexRecord[]): Promise<void> {
    if (records.length === 0) return;
    const bytes = parts.reduce((sum, part) => sum + part.length, 0);
    const data = parts.length === 1 ? parts[0]! : Buffer.concat(parts, bytes);
    await writeFully(segment.data, data, segment.state.bytes);
    await writeFully(segment.index, encodeRecords(records), segment.state.records * RECORD_BYTES);
    segment.state.bytes += bytes;
    segment.state.records += records.length;
  }

  private async writableSegment(): Promise<OpenSegment> {
    if (this.open) return this.open;
    const last = this.segments.at(-1);
    if (!last) return this.create(0);
    if (last.bytes >= segmentCapacity(this.limits, last.start)) return this.roll();
    const paths = segmentPaths(this.dir, last.start);
    const data = await fs.open(paths.data, "r+");
    const index = await fs.open(paths.index, "r+").catch(async (error: unknown) => {
      await data.close();
      throw error;
    });
    this.open = { state: last, data, index };
    return this.open;
  }

  /** Starts the next segment; past the tail window's size, the oldest tail segment goes. */
  private async roll(): Promise<OpenSegment> {
    const last = this.segments.at(-1);
    await this.closeFiles();
    const segment = await this.create(last ? last.start + last.bytes : 0);
    const tail = this.segments.filter((s) => isTailSegment(this.limits, s.start));
    for (const evicted of tail.slice(0, Math.max(0, tail.length - maxTailSegments(this.limits)))) {
      this.segments.splice(this.segments.indexOf(evicted), 1);
      await removeSegment(this.dir, evicted.start);
    }
    return segment;
  }

  /** Data file first, then the index: the segment exists once its index does. */
  private async create(start: number): Promise<OpenSegment> {
    const paths = segmentPaths(this.dir, start);
    const data = await fs.open(paths.data, "w", 0o600);
    const index = await fs.open(paths.index, "w", 0o600).catch(async (error: unknown) => {
      await data.close();
      throw error;
    });
    const state: SegmentState = { start, bytes: 0, records: 0 };
    this.segments.push(state);
    this.open = { state, data, index };
    return this.open;
  }

  private async closeFiles(): Promise<void> {
    const open = this.open;
    this.open = null;
    if (open) await Promise.all([open.data.close(), open.index.close()]);
  }
}

async function writeFully(file: fs.FileHandle, data: Buffer, position: number): Promise<void> {
  for (let done = 0; done < data.length; ) {
    const { bytesWritten } = await file.write(data, done, data.length - done, position + done);
    if (bytesWritten <= 0) throw new Error("Could not write to the run's log file");
    done += bytesWritten;
  }
}
