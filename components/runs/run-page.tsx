"use client";
import { LogViewer } from "@/components/logs/viewer/log-viewer";
import { RunView } from "./run-view";

export function RunPage({ runId }: { runId: string }) {
  return <RunView runId={runId} log={(live) => <LogViewer runId={runId} live={live} />} />;
}
