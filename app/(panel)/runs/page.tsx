import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PlayIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Runs" };

export default function RunsPage() {
  return (
    <>
      <PageHeader title="Runs" description="Every deploy and task run, with its steps, live log and outcome." />
      <EmptyState icon={<PlayIcon />} title="No runs yet">
        Runs appear here once tasks can be run: each one checks out its repositories in a container, runs the task, and keeps its full log for replay.
      </EmptyState>
    </>
  );
}
