"use client";
// One run's log session: a worker that parses the log and the tRPC subscription that feeds it. They
// start and stop together, so a fresh worker always gets the log from the start of its window (a big
// log's tail, see runs.logWindow); a dropped connection resumes by itself (httpSubscriptionLink sends
// lastEventId) without a gap or a repeat. Loading earlier lines starts a new session further back.

import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import { useTRPCClient } from "@/components/trpc";
import { EMPTY_SNAPSHOT, LogWorkerClient, type LogSnapshot } from "./log-worker-client";

export type Connection = { state: "connecting" | "live" | "reconnecting" | "complete" } | { state: "error"; message: string };

/** The part of the log the session holds: from `start` (a line boundary, `firstLine` lines in) to the end. */
export interface LogWindow {
  size: number;
  start: number;
  /** Null while the server counts the lines before `start` (the window streams meanwhile). */
  firstLine: number | null;
  /** The viewer holds no more than `maxBytes`: loading earlier lines is not offered. */
  limited: boolean;
  maxBytes: number;
}

/** Which window to open: the tail, the bytes before `before`, or one showing `line` (0-based). */
export interface LogWindowRequest {
  before?: number;
  line?: number;
}

export interface LogSessionState {
  client: LogWorkerClient | null;
  connection: Connection;
  log: LogSnapshot;
  /** Null until the server said where the window starts. */
  window: LogWindow | null;
}

type TrpcClient = ReturnType<typeof useTRPCClient>;

const INITIAL: LogSessionState = { client: null, connection: { state: "connecting" }, log: EMPTY_SNAPSHOT, window: null };

class LogSession {
  private state: LogSessionState = INITIAL;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly trpc: TrpcClient) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): LogSessionState => this.state;

  /** Asks where the window starts, then starts a worker and its subscription from there; returns what stops both. */
  start(runId: string, request: LogWindowRequest): () => void {
    const client = new LogWorkerClient(new Worker(new URL("./log.worker.ts", import.meta.url), { type: "module" }));
    let stopped = false;
    let started = false;
    const setConnection = (connection: Connection) => {
      if (!stopped) this.set({ connection });
    };
    const unlisten = client.subscribe(() => this.set({ log: client.getSnapshot() }));
    this.set({ client, connection: { state: "connecting" }, log: client.getSnapshot(), window: null });
    let subscription: { unsubscribe: () => void } | null = null;
    const follow = (window: LogWindow) => {
      if (stopped) return;
      this.set({ window });
      subscription = this.trpc.runs.log.subscribe(
        { runId, fromOffset: window.start },
        {
          onStarted: () => {
            started = true;
            setConnection({ state: "live" });
          },
          onData: (event) => client.feed(event.data),
          onConnectionStateChange: (change) => {
            if (change.state === "connecting" && started) setConnection({ state: "reconnecting" });
            else if (change.state === "pending") setConnection({ state: "live" });
          },
          onError: (error) => setConnection({ state: "error", message: error.message }),
          onComplete: () => {
            if (stopped) return;
            client.end();
            setConnection({ state: "complete" });
          },
        },
      );
    };
    const failed = (error: unknown) => setConnection({ state: "error", message: error instanceof Error ? error.message : String(error) });
    const numbered = (firstLine: number) => {
      if (!stopped && this.state.window) this.set({ window: { ...this.state.window, firstLine } });
    };
    this.trpc.runs.logWindow.query({ runId, ...request }).then(({ size, start, limited, maxBytes }) => {
      follow({ size, start, limited, maxBytes, firstLine: start === 0 ? 0 : null });
      if (start > 0) this.trpc.runs.logLines.query({ runId, offset: start }).then(numbered, failed);
    }, failed);
    return () => {
      stopped = true;
      subscription?.unsubscribe();
      unlisten();
      client.terminate();
    };
  }

  private set(patch: Partial<LogSessionState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}

/**
 * The log of a run as the viewer sees it, first its tail; `retry` starts over after an error,
 * `loadEarlier` opens the window before the one held, `openAt` one that shows a line (0-based).
 */
export function useLogWorker(runId: string): LogSessionState & { retry: () => void; loadEarlier: () => void; openAt: (line: number) => void } {
  const trpc = useTRPCClient();
  const [session] = useState(() => new LogSession(trpc));
  const [request, setRequest] = useState<LogWindowRequest & { attempt: number }>({ attempt: 0 });
  useEffect(() => session.start(runId, { before: request.before, line: request.line }), [session, runId, request]);
  const state = useSyncExternalStore(session.subscribe, session.getSnapshot, () => INITIAL);
  const start = state.window?.start;
  const openAt = useCallback((line: number) => setRequest((r) => ({ line, attempt: r.attempt + 1 })), []);
  return {
    ...state,
    retry: () => setRequest((r) => ({ ...r, attempt: r.attempt + 1 })),
    loadEarlier: () => {
      if (start) setRequest((r) => ({ before: start, attempt: r.attempt + 1 }));
    },
    openAt,
  };
}
