import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { ListIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Tasks" };

export default function TasksPage() {
  return (
    <>
      <PageHeader title="Tasks" description="Reusable jobs: an image, a command, the repositories to check out and the environment to run with." />
      <EmptyState icon={<ListIcon />} title="No tasks yet">
        Defining tasks is not part of this build yet. When it is, you will create one here and run it with a click or through the API.
      </EmptyState>
    </>
  );
}
