import type { Metadata } from "next";
import { RunsView } from "@/components/runs/runs-view";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Runs" };

export default function RunsPage() {
  return (
    <>
      <PageHeader title="Runs" description="Every task run with its steps, live status and outcome." />
      <RunsView />
    </>
  );
}
