"use client";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { formatTime } from "@/components/ui/time";
import { TimeAgo } from "./relative-time";
import { canRollBackTo, RELEASE_TONES } from "./site-labels";

export interface Release {
  number: number;
  runId: string | null;
  sha: string | null;
  status: string;
  reason: string | null;
  createdAt: string;
  activatedAt: string | null;
}

/** The releases kept on disk, newest first; any kept one but the live one can be switched back to. */
export function ReleasesCard({ releases, onRollback, busy }: { releases: Release[]; onRollback: (release: Release) => void; busy: boolean }) {
  return (
    <Card title="Releases" description="Each deploy builds a release next to the live one; switching between kept releases is instant.">
      {releases.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">No releases yet: the first deploy makes release #1.</p>
      ) : (
        <Table
          variant="plain"
          testId="releases"
          columns={[{ label: "Release" }, { label: "Commit" }, { label: "Status" }, { label: "Created" }, { label: "Went live" }, { label: "", align: "right" }]}
        >
          {releases.map((r) => (
            <tr key={r.number} data-testid={`release-row-${r.number}`} data-status={r.status}>
              <td className="py-2 pr-4 align-top font-medium whitespace-nowrap">
                {r.runId ? (
                  <Link href={`/runs/${r.runId}`} className="text-indigo-700 hover:underline dark:text-indigo-300">
                    #{r.number}
                  </Link>
                ) : (
                  `#${r.number}`
                )}
              </td>
              <td className="py-2 pr-4 align-top font-mono text-xs" title={r.sha ?? undefined}>
                {r.sha ? r.sha.slice(0, 10) : "—"}
              </td>
              <td className="py-2 pr-4 align-top">
                <Badge tone={RELEASE_TONES[r.status] ?? "slate"}>{r.status}</Badge>
                {r.reason && <div className={`mt-1 max-w-md text-xs ${r.status === "failed" || r.status === "bad" ? "text-rose-700 dark:text-rose-300" : "text-slate-500 dark:text-slate-400"}`}>{r.reason}</div>}
              </td>
              <td className="py-2 pr-4 align-top text-xs whitespace-nowrap text-slate-600 dark:text-slate-300">
                <TimeAgo iso={r.createdAt} />
              </td>
              <td className="py-2 pr-4 align-top text-xs whitespace-nowrap text-slate-600 dark:text-slate-300">{r.activatedAt ? <span title={formatTime(r.activatedAt)}>{formatTime(r.activatedAt)}</span> : "—"}</td>
              <td className="py-2 text-right align-top">
                {canRollBackTo(r.status) && (
                  <Button variant="secondary" className="whitespace-nowrap" data-testid={`rollback-${r.number}`} disabled={busy} onClick={() => onRollback(r)}>
                    Roll back
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}
