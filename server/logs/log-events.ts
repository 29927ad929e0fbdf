import "server-only";
import { tracked, type TrackedEnvelope } from "@trpc/server";
import { AppError } from "@/server/errors";
import type { LogChunk, LogStream } from "./types";

/** One SSE event of a run's log, JSON-safe: the bytes as base64 (they need not be UTF-8). */
export interface LogEvent {
  offset: number;
  end: number;
  stream: LogStream;
  time: number;
  data: string;
  /** A note standing in for bytes the size limit cut, not log bytes. */
  cut: boolean;
}

/** What the events need of the store (the RunLogStore, or a fake in tests). */
export interface LogFollower {
  follow(runId: string, fromOffset: number, signal?: AbortSignal): AsyncIterable<LogChunk>;
}

export interface LogEventsOptions {
  /** Where a first connection starts (0: from the beginning). */
  fromOffset?: number;
  /** The id of the last event a reconnecting client got: it continues right after it. */
  lastEventId?: string | null;
  signal?: AbortSignal;
}

/**
 * The events of a tRPC SSE subscription on a run's log. Each is tracked with the offset where the
 * next one starts (its end), so a client reconnecting with `lastEventId` resumes exactly after the
 * last event it received: no gap, no duplicate.
 */
export async function* runLogEvents(store: LogFollower, runId: string, options: LogEventsOptions = {}): AsyncGenerator<TrackedEnvelope<LogEvent>> {
  const from = options.lastEventId != null ? offsetOfEventId(options.lastEventId) : (options.fromOffset ?? 0);
  for await (const chunk of store.follow(runId, from, options.signal)) {
    yield tracked(String(chunk.end), toLogEvent(chunk));
  }
}

export function toLogEvent(chunk: LogChunk): LogEvent {
  const data = Buffer.from(chunk.data.buffer, chunk.data.byteOffset, chunk.data.byteLength).toString("base64");
  return { offset: chunk.offset, end: chunk.end, stream: chunk.stream, time: chunk.time, data, cut: chunk.cut === true };
}

export function offsetOfEventId(id: string): number {
  const offset = /^\d{1,16}$/.test(id) ? Number(id) : Number.NaN;
  if (!Number.isSafeInteger(offset)) throw new AppError("BAD_INPUT", `Not a log event id: ${JSON.stringify(id.slice(0, 40))}.`);
  return offset;
}
