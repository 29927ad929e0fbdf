import type { Metadata } from "next";
import { LogViewer } from "@/components/logs/viewer/log-viewer";
import { RunView } from "@/components/runs/run-view";

export const metadata: Metadata = { title: "Run" };

export default async function RunPage({ params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params;
  return <RunView runId={runId} log={<LogViewer runId={runId} />} />;
}
