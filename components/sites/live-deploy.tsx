"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { LogViewer } from "@/components/logs/viewer/log-viewer";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { RunSteps } from "@/components/runs/run-steps";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ErrorText } from "@/components/ui/field";
import { Elapsed } from "@/components/ui/time-ago";
import { useTRPC } from "@/components/trpc";

/** A deploy (or roll-back) run of this site, followed live on the site's page: its steps and its log. */
export function LiveDeploy({ runId, onClose }: { runId: string; onClose: () => void }) {
  const trpc = useTRPC();
  const run = useQuery({
    ...trpc.runs.get.queryOptions({ runId }),
    refetchInterval: (query) => (["queued", "running"].includes(query.state.data?.status ?? "queued") ? 1_000 : false),
  });
  const cancel = useMutation(trpc.runs.cancel.mutationOptions({ onSuccess: () => void run.refetch() }));

  if (run.error) return <ErrorText>{run.error.message}</ErrorText>;
  const r = run.data;
  const live = !r || r.status === "queued" || r.status === "running";

  return (
    <Card
      title={
        <span className="flex items-center gap-2" data-testid="live-deploy">
          {r ? (
            <>
              <Link href={`/runs/${runId}`} className="hover:underline">
                Deploy #{r.number}
              </Link>
              <RunStatusBadge status={r.status} />
              <span className="text-xs font-normal text-slate-500 dark:text-slate-400">
                <Elapsed start={r.startedAt} end={r.finishedAt} />
              </span>
            </>
          ) : (
            "Starting deploy…"
          )}
        </span>
      }
      description={r?.reason ? <span className={r.status === "failed" ? "text-rose-700 dark:text-rose-300" : ""}>{r.reason}</span> : undefined}
      actions={
        <div className="flex gap-2">
          {r && live && (
            <Button variant="danger" onClick={() => cancel.mutate({ runId })} disabled={cancel.isPending || r.cancelRequestedAt !== null}>
              {r.cancelRequestedAt ? "Cancelling…" : "Cancel"}
            </Button>
          )}
          <Button variant="ghost" onClick={onClose} aria-label="Hide this deploy">
            Hide
          </Button>
        </div>
      }
    >
      <div className="space-y-4">
        <ErrorText>{cancel.error?.message}</ErrorText>
        {r && <RunSteps steps={r.steps} />}
        <LogViewer key={runId} runId={runId} live={live} />
      </div>
    </Card>
  );
}
