"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorText } from "@/components/ui/field";
import { ListIcon } from "@/components/ui/icons";
import { formatTime } from "@/components/ui/time";
import { useTRPC } from "@/components/trpc";
import { TaskForm } from "./task-form";
import { taskToDraft } from "./task-form-state";

export function TasksView() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const tasks = useQuery({ ...trpc.tasks.list.queryOptions(), refetchInterval: 5_000 });
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const trigger = useMutation(trpc.runs.trigger.mutationOptions({ onSuccess: (run) => router.push(`/runs/${run.id}`) }));
  const remove = useMutation(trpc.tasks.delete.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries(trpc.tasks.list.pathFilter()) }));
  const editingTask = tasks.data?.find((t) => t.id === editing);

  return (
    <div className="space-y-6">
      {editing === "new" && <TaskForm onDone={() => setEditing(null)} />}
      {editingTask && <TaskForm key={editingTask.id} taskId={editingTask.id} initial={taskToDraft(editingTask)} onDone={() => setEditing(null)} />}
      {editing === null && (
        <div className="flex justify-end">
          <Button onClick={() => setEditing("new")}>New task</Button>
        </div>
      )}
      <ErrorText>{trigger.error?.message ?? remove.error?.message}</ErrorText>
      {tasks.data?.length === 0 && editing === null && (
        <EmptyState icon={<ListIcon />} title="No tasks yet">
          A task is an image and a command that runs on fresh checkouts of your repositories: builds, tests, backups, cron-like jobs. Create one, then run it here or through the API.
        </EmptyState>
      )}
      <ul className="space-y-3">
        {tasks.data?.map((task) => (
          <li key={task.id} data-testid={`task-${task.name}`} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div className="min-w-0">
                <h3 className="font-semibold">{task.name}</h3>
                <p className="mt-0.5 truncate font-mono text-xs text-slate-500 dark:text-slate-400">
                  {task.image} · {task.command.join(" ")}
                </p>
                <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
                  {task.checkouts.length ? task.checkouts.map((c) => `${c.mountName}@${c.revision}`).join(", ") : "no repositories"}
                </p>
              </div>
              <div className="flex items-center gap-2">
                {task.lastRun && (
                  <Link href={`/runs/${task.lastRun.id}`} className="flex items-center gap-2 text-xs text-slate-500 hover:underline">
                    #{task.lastRun.number} <RunStatusBadge status={task.lastRun.status} /> {formatTime(task.lastRun.createdAt)}
                  </Link>
                )}
                <Button variant="ghost" onClick={() => setEditing(task.id)}>
                  Edit
                </Button>
                <Button
                  variant="ghost"
                  onClick={() => {
                    if (confirm(`Delete task "${task.name}" and its run history?`)) remove.mutate({ taskId: task.id });
                  }}
                >
                  Delete
                </Button>
                <Button onClick={() => trigger.mutate({ taskId: task.id })} disabled={trigger.isPending} aria-label={`Run ${task.name}`}>
                  Run
                </Button>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
