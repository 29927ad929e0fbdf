import type { Metadata } from "next";
import { TasksView } from "@/components/tasks/tasks-view";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Tasks" };

export default function TasksPage() {
  return (
    <>
      <PageHeader title="Tasks" description="Reusable jobs: an image, a command, the repositories to check out and the environment to run with." />
      <TasksView />
    </>
  );
}
