"use client";
// One run's log session: a worker that parses the log and the tRPC subscription that feeds it. They
// start and stop together, so a fresh worker always gets the log from its first byte; a dropped
// connection resumes by itself (httpSubscriptionLink sends lastEventId) without a gap or a repeat.

import { useEffect, useState, useSyncExternalStore } from "react";
import { useTRPCClient } from "@/components/trpc";
import { EMPTY_SNAPSHOT, LogWorkerClient, type LogSnapshot } from "./log-worker-client";

export type Connection = { state: "connecting" | "live" | "reconnecting" | "complete" } | { state: "error"; message: string };

export interface LogSessionState {
  client: LogWorkerClient | null;
  connection: Connection;
  log: LogSnapshot;
}

type TrpcClient = ReturnType<typeof useTRPCClient>;

const INITIAL: LogSessionState = { client: null, connection: { state: "connecting" }, log: EMPTY_SNAPSHOT };

class LogSession {
  private state: LogSessionState = INITIAL;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly trpc: TrpcClient) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): LogSessionState => this.state;

  /** Starts a worker and its subscription; returns what stops both. */
  start(runId: string): () => void {
    const client = new LogWorkerClient(new Worker(new URL("./log.worker.ts", import.meta.url), { type: "module" }));
    let stopped = false;
    let started = false;
    const setConnection = (connection: Connection) => {
      if (!stopped) this.set({ connection });
    };
    const unlisten = client.subscribe(() => this.set({ log: client.getSnapshot() }));
    this.set({ client, connection: { state: "connecting" }, log: client.getSnapshot() });
    const subscription = this.trpc.runs.log.subscribe(
      { runId },
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
    return () => {
      stopped = true;
      subscription.unsubscribe();
      unlisten();
      client.terminate();
    };
  }

  private set(patch: Partial<LogSessionState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}

/** The log of a run as the viewer sees it; `retry` starts over after an error. */
export function useLogWorker(runId: string): LogSessionState & { retry: () => void } {
  const trpc = useTRPCClient();
  const [session] = useState(() => new LogSession(trpc));
  const [attempt, setAttempt] = useState(0);
  useEffect(() => session.start(runId), [session, runId, attempt]);
  const state = useSyncExternalStore(session.subscribe, session.getSnapshot, () => INITIAL);
  return { ...state, retry: () => setAttempt((n) => n + 1) };
}
