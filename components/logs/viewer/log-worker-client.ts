// The main thread's side of the log worker: feeds it the subscription's events (each byte once), keeps
// only the lines the viewer asked for (the visible window and its overscan), and publishes a snapshot
// for useSyncExternalStore.

import { mergeMatches } from "./search";
import type { FromWorker, LineRange, LogGroup, LogStreamName, ToWorker, WireLine } from "./worker-protocol";

/** What a Worker offers the client; a test passes an in-process stand-in. */
export interface WorkerPort {
  postMessage(message: ToWorker): void;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
  terminate(): void;
}

export interface LogEventLike {
  offset: number;
  end: number;
  stream: LogStreamName;
  time: number;
  data: string;
  cut: boolean;
}

export interface SearchState {
  query: string;
  /** The line of each match, ascending. */
  matches: Int32Array;
  done: boolean;
  capped: boolean;
}

export interface LogSnapshot {
  lineCount: number;
  finalizedCount: number;
  startTime: number | null;
  ended: boolean;
  groups: LogGroup[];
  /** Changes whenever a line the viewer holds arrives or goes stale. */
  linesVersion: number;
  search: SearchState;
  error: string | null;
}

const NO_MATCHES = new Int32Array(0);
export const EMPTY_SNAPSHOT: LogSnapshot = Object.freeze({
  lineCount: 0,
  finalizedCount: 0,
  startTime: null,
  ended: false,
  groups: [],
  linesVersion: 0,
  search: { query: "", matches: NO_MATCHES, done: true, capped: false },
  error: null,
});

/** Lines kept beyond those last asked for, before older ones are dropped. */
const CACHE_LIMIT = 2_000;

export class LogWorkerClient {
  private snapshot: LogSnapshot = EMPTY_SNAPSHOT;
  private readonly listeners = new Set<() => void>();
  private readonly cache = new Map<number, { line: WireLine; stale: boolean }>();
  private readonly inflight = new Set<number>();
  private readonly texts = new Map<number, (text: string) => void>();
  private nextId = 1;
  /** Where the next byte of the log starts: events before it were already sent. */
  private nextOffset = 0;

  constructor(private readonly worker: WorkerPort) {
    worker.onmessage = (event) => this.receive(event.data);
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): LogSnapshot => this.snapshot;

  /** One subscription event; an event (or the part of one) already fed is skipped, so a replay adds nothing twice. */
  feed(event: LogEventLike): void {
    if (event.end <= this.nextOffset) return;
    const skip = event.cut ? 0 : Math.max(0, this.nextOffset - event.offset);
    this.nextOffset = event.end;
    this.worker.postMessage({ type: "chunk", stream: event.stream, time: event.time, data: event.data, cut: event.cut, ...(skip ? { skip } : {}) });
  }

  end(): void {
    this.worker.postMessage({ type: "end" });
  }

  search(query: string): void {
    if (query === this.snapshot.search.query) return;
    this.worker.postMessage({ type: "search", query });
    this.update({ search: { query, matches: NO_MATCHES, done: query === "", capped: false } });
  }

  /** A line if held (possibly stale while its update is on the way). */
  line(index: number): WireLine | undefined {
    return this.cache.get(index)?.line;
  }

  /** Asks the worker for the lines in `ranges` the client lacks, and forgets lines far from them. */
  ensure(ranges: readonly LineRange[]): void {
    const wanted: LineRange[] = [];
    for (const [from, to] of ranges) {
      let start = -1;
      for (let i = from; i <= to; i++) {
        const entry = this.cache.get(i);
        const needed = i < to && (!entry || entry.stale) && !this.inflight.has(i);
        if (needed && start < 0) start = i;
        if (!needed && start >= 0) {
          wanted.push([start, i]);
          start = -1;
        }
        if (needed) this.inflight.add(i);
      }
    }
    if (wanted.length) this.worker.postMessage({ type: "lines", id: this.nextId++, ranges: wanted });
    if (this.cache.size > CACHE_LIMIT) this.evict(ranges);
  }

  plainText(): Promise<string> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.texts.set(id, resolve);
      this.worker.postMessage({ type: "text", id });
    });
  }

  terminate(): void {
    this.worker.onmessage = null;
    this.worker.terminate();
    this.listeners.clear();
  }

  private receive(message: FromWorker): void {
    switch (message.type) {
      case "change": {
        for (const [index, entry] of this.cache) if (index >= message.from) entry.stale = true;
        const { lineCount, finalizedCount, startTime, ended } = message;
        this.update({ lineCount, finalizedCount, startTime, ended, groups: message.groups ?? this.snapshot.groups, linesVersion: this.snapshot.linesVersion + 1 });
        break;
      }
      case "lines":
        for (const line of message.lines) {
          this.cache.set(line.index, { line, stale: false });
          this.inflight.delete(line.index);
        }
        this.update({ linesVersion: this.snapshot.linesVersion + 1 });
        break;
      case "search": {
        const current = this.snapshot.search;
        if (message.query !== current.query) return;
        this.update({ search: { query: current.query, matches: mergeMatches(current.matches, message), done: message.done, capped: message.capped } });
        break;
      }
      case "text":
        this.texts.get(message.id)?.(message.text);
        this.texts.delete(message.id);
        break;
      case "error":
        this.update({ error: message.message });
        break;
    }
  }

  private evict(keep: readonly LineRange[]): void {
    if (keep.length === 0) return;
    const first = Math.min(...keep.map((r) => r[0]));
    const last = Math.max(...keep.map((r) => r[1]));
    const margin = CACHE_LIMIT / 4;
    for (const index of this.cache.keys()) if (index < first - margin || index >= last + margin) this.cache.delete(index);
  }

  private update(patch: Partial<LogSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }
}
