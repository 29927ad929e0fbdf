import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/server/errors";
import { ChangeSignal, changedOrAborted } from "./change-signal";
import { readMeta, resolveLimits, writeMeta, type LogMeta, type RunLogLimitOptions } from "./log-meta";
import { readSegments, type ReadHint } from "./read-segments";
import { RunLogWriter } from "./run-log-writer";
import { cutRanges, logSize, scanRunLog, type SegmentState } from "./scan-run-log";
import { parseSegmentListing, RECORD_BYTES, segmentPaths } from "./segment-format";
import type { LogChunk, LogStream, RunLogLimits, RunLogStat } from "./types";

export interface RunLogStoreOptions extends RunLogLimitOptions {
  /** Milliseconds since the epoch; chunk times and close times come from it. */
  clock?: () => number;
}

export interface OpenRunLogOptions {
  /** Values masked as `***` in every stream before anything is stored. Never written anywhere. */
  secrets?: Iterable<string | Uint8Array>;
}

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
const FOLLOW_BATCH_BYTES = 256 * 1024;
const APPEND_WINDOW_BYTES = 4 * 1024 * 1024;
/** Closed logs never change: their layout is remembered for this many of them. */
const CLOSED_CACHE_SIZE = 256;

interface Snapshot {
  segments: SegmentState[];
  closedAt: number | null;
}

/**
 * Every byte a run's containers print, under `<root>/<runId>/`: appended cheaply, readable at any
 * offset, followed live by any number of viewers, and kept within a size limit (head and tail).
 * The logical byte offset is each byte's identity; it never changes, also across restarts.
 */
export class RunLogStore {
  private readonly limits: RunLogLimits;
  private readonly clock: () => number;
  private readonly writers = new Map<string, RunLogWriter>();
  private readonly changes = new Map<string, { signal: ChangeSignal; followers: number }>();
  private readonly locks = new Map<string, Promise<unknown>>();
  private readonly closedCache = new Map<string, Snapshot>();
  /** Bumped whenever a log is removed: a snapshot taken across a removal is not cached. */
  private removals = 0;

  constructor(
    private readonly root: string,
    options: RunLogStoreOptions = {},
  ) {
    this.limits = resolveLimits(options);
    this.clock = options.clock ?? Date.now;
  }

  /**
   * Opens a run's log for appending: creates it, or reopens it after a restart (repairing a torn
   * end), so appends continue at its size. Secrets must be given again on every open.
   */
  async open(runId: string, options: OpenRunLogOptions = {}): Promise<RunLogStat> {
    const dir = this.dirOf(runId);
    return this.exclusive(runId, async () => {
      if (this.writers.has(runId)) throw new AppError("CONFLICT", `The log of run ${runId} is already open.`);
      await fs.mkdir(dir, { recursive: true, mode: 0o700 });
      let meta = await readMeta(dir);
      if (meta?.closedAt != null) throw new AppError("CONFLICT", `The log of run ${runId} is closed: the run is over.`);
      if (!meta) {
        meta = { version: 1, limits: this.limits, createdAt: this.clock(), closedAt: null, size: null };
        await writeMeta(dir, meta);
      }
      const segments = await scanRunLog(dir, meta.limits, { repair: true });
      this.writers.set(runId, new RunLogWriter(dir, meta.limits, segments, this.clock, options.secrets ?? [], () => this.notify(runId)));
      this.notify(runId);
      return statOf({ segments, closedAt: null });
    });
  }

  /**
   * Masks and appends; resolves once the bytes are in the files. Bytes that may begin a secret
   * (fewer than the longest secret) wait for the next append or the close. Don't reuse `data`'s
   * memory before this settles.
   */
  append(runId: string, stream: LogStream, data: Uint8Array | string): Promise<void> {
    const writer = this.writers.get(runId);
    if (!writer) return Promise.reject(new AppError("CONFLICT", `The log of run ${runId} is not open for appending.`));
    return writer.append(stream, typeof data === "string" ? Buffer.from(data, "utf8") : data);
  }

  /**
   * Appends everything `source` yields (say, a container's demultiplexed output) without waiting
   * for each write, so small chunks are batched, but with at most ~4 MiB in flight; resolves, with
   * the number of bytes taken, once all of it is stored.
   */
  async appendFrom(runId: string, source: AsyncIterable<{ stream: LogStream; data: Uint8Array }>): Promise<number> {
    let total = 0;
    let window: Array<Promise<void>> = [];
    let windowBytes = 0;
    try {
      for await (const { stream, data } of source) {
        const stored = this.append(runId, stream, data);
        if (window.at(-1) !== stored) window.push(stored); // appends of one batch share a promise
        total += data.length;
        windowBytes += data.length;
        if (windowBytes >= APPEND_WINDOW_BYTES) {
          await Promise.all(window);
          [window, windowBytes] = [[], 0];
        }
      }
    } finally {
      // Also when the source fails: what was taken is written before the caller looks at the size again.
      await Promise.allSettled(window);
    }
    await Promise.all(window);
    return total;
  }

  /** Marks the log complete (after writing what is pending): followers end, replays know it is whole. */
  async close(runId: string): Promise<RunLogStat> {
    const dir = this.dirOf(runId);
    return this.exclusive(runId, async () => {
      const meta = await readMeta(dir);
      if (meta?.closedAt != null) return statOf(await this.snapshot(runId));
      const writer = this.writers.get(runId);
      let segments: SegmentState[] | null = null;
      if (writer) {
        // A failed write leaves the end torn: then the scan below repairs it.
        segments = await writer.finish().then(
          () => writer.snapshot(),
          () => null,
        );
      }
      await fs.mkdir(dir, { recursive: true, mode: 0o700 });
      const base: LogMeta = meta ?? { version: 1, limits: this.limits, createdAt: this.clock(), closedAt: null, size: null };
      segments ??= await scanRunLog(dir, base.limits, { repair: true });
      const closedAt = this.clock();
      await writeMeta(dir, { ...base, closedAt, size: logSize(segments) });
      this.writers.delete(runId);
      this.notify(runId);
      return statOf({ segments, closedAt });
    });
  }

  /** Size, completeness and cut ranges. A log nobody has written yet is empty and open. */
  async stat(runId: string): Promise<RunLogStat> {
    return statOf(await this.snapshot(runId));
  }

  /** Chunks from `fromOffset` on, up to `maxBytes` log bytes; a cut range reads as one marker chunk. */
  async read(runId: string, fromOffset: number, maxBytes: number): Promise<LogChunk[]> {
    checkOffset(fromOffset);
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) throw new AppError("BAD_INPUT", "maxBytes must be a positive whole number.");
    return (await this.readAt(runId, fromOffset, maxBytes)).chunks;
  }

  /**
   * Replays from `fromOffset`, then yields chunks as they are appended; ends when the log is closed
   * and read to its end, or when `signal` aborts. A slow consumer only delays itself: it reads from
   * the files when it pulls, so nothing queues up for it and nothing is lost.
   */
  async *follow(runId: string, fromOffset: number, signal?: AbortSignal): AsyncGenerator<LogChunk> {
    checkOffset(fromOffset);
    const change = this.watch(runId);
    let position = fromOffset;
    let hint: ReadHint | undefined;
    try {
      while (!signal?.aborted) {
        const changed = change.signal.next();
        const snapshot = await this.snapshot(runId);
        if (position < logSize(snapshot.segments)) {
          const read = await this.readAt(runId, position, FOLLOW_BATCH_BYTES, hint, snapshot);
          hint = read.hint;
          for (const chunk of read.chunks) {
            if (signal?.aborted) return;
            yield chunk;
            position = chunk.end;
          }
        } else if (snapshot.closedAt != null) {
          return;
        } else {
          await changedOrAborted(changed, signal);
        }
      }
    } finally {
      if (--change.followers === 0 && this.changes.get(runId) === change) this.changes.delete(runId);
    }
  }

  /** Deletes a run's log (closing it first if it is open). */
  async remove(runId: string): Promise<void> {
    const dir = this.dirOf(runId);
    return this.exclusive(runId, async () => {
      const writer = this.writers.get(runId);
      this.writers.delete(runId);
      await writer?.finish().catch(() => undefined);
      this.removals += 1;
      this.closedCache.delete(runId);
      await fs.rm(dir, { recursive: true, force: true });
      this.removals += 1;
      this.closedCache.delete(runId);
      this.notify(runId);
    });
  }

  /** Writes what is pending and lets go of the files, leaving the logs open for the next start. */
  async shutdown(): Promise<void> {
    await Promise.all(
      [...this.writers.keys()].map((runId) =>
        this.exclusive(runId, async () => {
          const writer = this.writers.get(runId);
          this.writers.delete(runId);
          await writer?.finish();
        }),
      ),
    );
  }

  private dirOf(runId: string): string {
    if (!RUN_ID.test(runId)) throw new AppError("BAD_INPUT", `Not a run id: ${JSON.stringify(runId)}.`);
    return path.join(this.root, runId);
  }

  /** Readers retry when the tail window moved under them (a segment they meant to read was evicted). */
  private async readAt(runId: string, from: number, maxBytes: number, hint?: ReadHint, first?: Snapshot): Promise<{ chunks: LogChunk[]; hint?: ReadHint }> {
    const dir = this.dirOf(runId);
    for (let attempt = 0; ; attempt++) {
      const snapshot = attempt === 0 && first ? first : await this.snapshot(runId);
      try {
        return await readSegments(dir, snapshot.segments, from, maxBytes, hint);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT" || attempt >= 3) throw error;
      }
    }
  }

  private async snapshot(runId: string): Promise<Snapshot> {
    const writer = this.writers.get(runId);
    if (writer) return { segments: writer.snapshot(), closedAt: null };
    const cached = this.closedCache.get(runId);
    if (cached) return cached;
    const removals = this.removals;
    const dir = this.dirOf(runId);
    const meta = await readMeta(dir);
    if (!meta) return { segments: [], closedAt: null };
    if (meta.closedAt == null) return { segments: await scanRunLog(dir, meta.limits, { repair: false }), closedAt: null };
    const closed = { segments: await closedSegments(dir), closedAt: meta.closedAt };
    if (removals !== this.removals) return closed;
    if (this.closedCache.size >= CLOSED_CACHE_SIZE) this.closedCache.delete(this.closedCache.keys().next().value!);
    this.closedCache.set(runId, closed);
    return closed;
  }

  private watch(runId: string): { signal: ChangeSignal; followers: number } {
    const change = this.changes.get(runId) ?? { signal: new ChangeSignal(), followers: 0 };
    this.changes.set(runId, change);
    change.followers += 1;
    return change;
  }

  private notify(runId: string): void {
    this.changes.get(runId)?.signal.notify();
  }

  /** Opening, closing and removing one run's log happen one at a time. */
  private exclusive<T>(runId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(runId) ?? Promise.resolve();
    const result = previous.then(task, task);
    const settled = result.catch(() => undefined);
    this.locks.set(runId, settled);
    void settled.then(() => {
      if (this.locks.get(runId) === settled) this.locks.delete(runId);
    });
    return result;
  }
}

function statOf(snapshot: Snapshot): RunLogStat {
  return { size: logSize(snapshot.segments), closed: snapshot.closedAt != null, closedAt: snapshot.closedAt, cut: cutRanges(snapshot.segments) };
}

function checkOffset(offset: number): void {
  if (!Number.isSafeInteger(offset) || offset < 0) throw new AppError("BAD_INPUT", "A log offset is a whole number of bytes, 0 or more.");
}

/** A closed log was repaired when it closed: its files are whole, so their sizes are the truth. */
async function closedSegments(dir: string): Promise<SegmentState[]> {
  const { segments } = parseSegmentListing(await fs.readdir(dir));
  return Promise.all(
    segments.map(async (start) => {
      const paths = segmentPaths(dir, start);
      const [data, index] = await Promise.all([fs.stat(paths.data), fs.stat(paths.index)]);
      return { start, bytes: data.size, records: Math.floor(index.size / RECORD_BYTES) };
    }),
  );
}
