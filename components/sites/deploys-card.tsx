"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { Card } from "@/components/ui/card";
import { ErrorText } from "@/components/ui/field";
import { Table } from "@/components/ui/table";
import { Elapsed } from "@/components/ui/time-ago";
import { useTRPC } from "@/components/trpc";
import { TimeAgo } from "./relative-time";

/** The site's last ten deploy runs, live. */
export function DeploysCard({ siteId }: { siteId: string }) {
  const trpc = useTRPC();
  const runs = useQuery({ ...trpc.runs.list.queryOptions({ siteId, limit: 10 }), refetchInterval: 3_000 });
  return (
    <Card
      title="Deploys"
      actions={
        <Link href="/runs" className="text-xs font-medium text-indigo-700 hover:underline dark:text-indigo-300">
          All runs
        </Link>
      }
    >
      <ErrorText>{runs.error?.message}</ErrorText>
      {runs.data?.length === 0 && <p className="text-sm text-slate-500 dark:text-slate-400">No deploys yet.</p>}
      {runs.data && runs.data.length > 0 && (
        <Table variant="plain" testId="site-deploys" columns={[{ label: "Run" }, { label: "Status" }, { label: "Started" }, { label: "Took" }]}>
          {runs.data.map((run) => (
            <tr key={run.id} data-testid={`deploy-row-${run.number}`}>
              <td className="py-2 pr-4 whitespace-nowrap">
                <Link href={`/runs/${run.id}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                  #{run.number}
                </Link>
                <span className="ml-2 text-xs text-slate-500 dark:text-slate-400">{run.trigger}</span>
              </td>
              <td className="py-2 pr-4">
                <RunStatusBadge status={run.status} />
              </td>
              <td className="py-2 pr-4 text-xs whitespace-nowrap text-slate-600 dark:text-slate-300">
                <TimeAgo iso={run.startedAt ?? run.createdAt} />
              </td>
              <td className="py-2 text-xs text-slate-600 dark:text-slate-300">
                <Elapsed start={run.startedAt} end={run.finishedAt} />
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}
