"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ErrorText } from "@/components/ui/field";
import { formatTime } from "@/components/ui/time";
import { Elapsed } from "@/components/ui/time-ago";
import { useTRPC } from "@/components/trpc";
import { RunStatusBadge } from "./run-status-badge";
import { RunSteps } from "./run-steps";

/** `log` renders the run's log; it learns whether the run is still live (to follow the tail from the start). */
export function RunView({ runId, log }: { runId: string; log: (live: boolean) => ReactNode }) {
  const trpc = useTRPC();
  const router = useRouter();
  const run = useQuery({
    ...trpc.runs.get.queryOptions({ runId }),
    refetchInterval: (query) => (["queued", "running"].includes(query.state.data?.status ?? "queued") ? 1_000 : false),
  });
  const cancel = useMutation(trpc.runs.cancel.mutationOptions({ onSuccess: () => void run.refetch() }));
  const rerun = useMutation(trpc.runs.trigger.mutationOptions({ onSuccess: (next) => router.push(`/runs/${next.id}`) }));
  const redeploy = useMutation(trpc.sites.deploy.mutationOptions({ onSuccess: (next) => router.push(`/runs/${next.id}`) }));

  if (run.error) return <ErrorText>{run.error.message}</ErrorText>;
  if (!run.data) return <p className="text-sm text-slate-500">Loading run…</p>;
  const r = run.data;
  const live = r.status === "queued" || r.status === "running";

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm text-slate-500">
            <Link href="/runs" className="hover:underline">
              Runs
            </Link>{" "}
            /{" "}
            {r.owner.kind === "site" ? (
              <Link href={`/sites/${r.owner.id}`} className="hover:underline">
                {r.owner.name}
              </Link>
            ) : (
              r.owner.name
            )}
          </p>
          <h1 className="mt-1 flex items-center gap-3 text-2xl font-semibold tracking-tight">
            {r.owner.kind === "site" ? "Deploy " : ""}
            {r.owner.name} #{r.number} <RunStatusBadge status={r.status} />
          </h1>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            {r.trigger} · created {formatTime(r.createdAt)} · <Elapsed start={r.startedAt} end={r.finishedAt} />
            {r.reason && <span className={r.status === "failed" ? " text-rose-700 dark:text-rose-300" : ""}> · {r.reason}</span>}
          </p>
        </div>
        <div className="flex gap-2">
          {live && (
            <Button variant="danger" onClick={() => cancel.mutate({ runId })} disabled={cancel.isPending || r.cancelRequestedAt !== null}>
              {r.cancelRequestedAt ? "Cancelling…" : "Cancel"}
            </Button>
          )}
          {r.owner.kind === "site" ? (
            <Button variant="secondary" onClick={() => redeploy.mutate({ siteId: r.owner.id })} disabled={redeploy.isPending}>
              Deploy again
            </Button>
          ) : (
            <Button variant="secondary" onClick={() => rerun.mutate({ taskId: r.owner.id })} disabled={rerun.isPending}>
              Re-run
            </Button>
          )}
        </div>
      </div>
      <ErrorText>{cancel.error?.message ?? rerun.error?.message ?? redeploy.error?.message}</ErrorText>
      <Card title="Steps">
        <RunSteps steps={r.steps} />
      </Card>
      {log(live)}
    </div>
  );
}
