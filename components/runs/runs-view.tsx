"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { PlayIcon } from "@/components/ui/icons";
import { formatTime } from "@/components/ui/time";
import { Elapsed } from "@/components/ui/time-ago";
import { Table } from "@/components/ui/table";
import { useTRPC } from "@/components/trpc";
import { RunStatusBadge } from "./run-status-badge";
import { StepDots } from "./step-dots";

const STATUSES = ["queued", "running", "succeeded", "failed", "cancelled", "timed_out", "replaced"] as const;
type Status = (typeof STATUSES)[number];

export function RunsView() {
  const trpc = useTRPC();
  const [status, setStatus] = useState<Status[]>([]);
  const [taskId, setTaskId] = useState("");
  const tasks = useQuery(trpc.tasks.list.queryOptions());
  const runs = useQuery({ ...trpc.runs.list.queryOptions({ status: status.length ? status : undefined, taskId: taskId || undefined, limit: 100 }), refetchInterval: 2_000 });
  const toggle = (s: Status) => setStatus((current) => (current.includes(s) ? current.filter((x) => x !== s) : [...current, s]));

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        {STATUSES.map((s) => (
          <button
            key={s}
            type="button"
            onClick={() => toggle(s)}
            aria-pressed={status.includes(s)}
            className={`rounded-full border px-3 py-1 text-xs font-medium ${
              status.includes(s)
                ? "border-indigo-500 bg-indigo-50 text-indigo-700 dark:bg-indigo-950 dark:text-indigo-200"
                : "border-slate-300 text-slate-600 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800"
            }`}
          >
            {s.replace("_", " ")}
          </button>
        ))}
        <select
          aria-label="Task"
          value={taskId}
          onChange={(e) => setTaskId(e.target.value)}
          className="ml-auto rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950"
        >
          <option value="">all tasks</option>
          {tasks.data?.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
      {runs.data?.length === 0 && (
        <EmptyState icon={<PlayIcon />} title={status.length || taskId ? "No runs match" : "No runs yet"}>
          {status.length || taskId ? "Change the filters to see more." : "Run a task from the Tasks page (or the API) and it shows up here, live."}
        </EmptyState>
      )}
      {runs.data && runs.data.length > 0 && (
        <Table columns={[{ label: "Run" }, { label: "Status" }, { label: "Steps" }, { label: "Started" }, { label: "Duration" }]}>
              {runs.data.map((run) => (
                <tr key={run.id} data-testid={`run-row-${run.owner.name}-${run.number}`}>
                  <td className="px-4 py-2.5">
                    <Link href={`/runs/${run.id}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                      {run.owner.kind === "site" ? "Deploy " : ""}{run.owner.name} #{run.number}
                    </Link>
                    <div className="text-xs text-slate-500">{run.trigger}</div>
                  </td>
                  <td className="px-4 py-2.5">
                    <RunStatusBadge status={run.status} />
                  </td>
                  <td className="px-4 py-2.5">
                    <StepDots steps={run.steps} />
                  </td>
                  <td className="px-4 py-2.5 whitespace-nowrap">{formatTime(run.startedAt ?? run.createdAt)}</td>
                  <td className="px-4 py-2.5">
                    <Elapsed start={run.startedAt} end={run.finishedAt} />
                  </td>
                </tr>
              ))}
        </Table>
      )}
    </div>
  );
}
