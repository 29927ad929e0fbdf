"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorText } from "@/components/ui/field";
import { GlobeIcon } from "@/components/ui/icons";
import { Table } from "@/components/ui/table";
import { useTRPC } from "@/components/trpc";
import { FrontStatusBadge } from "./front-status-badge";
import { TimeAgo } from "./relative-time";
import { DomainLinks, LinkButton } from "./site-links";
import { STACK_INFO } from "./site-labels";

/** Every site, live: its domains, front status, live release and last deploy. */
export function SitesView() {
  const trpc = useTRPC();
  const sites = useQuery({ ...trpc.sites.list.queryOptions(), refetchInterval: 3_000 });
  const front = useQuery({ ...trpc.sites.front.queryOptions(), refetchInterval: 5_000 });
  const httpPort = front.data?.httpPort ?? null;

  if (sites.error) return <ErrorText>{sites.error.message}</ErrorText>;
  const frontProblem = front.data?.running === false || front.data?.error ? (front.data.error ?? "The front server is not running.") : null;
  const banner = frontProblem && (
    <div role="alert" data-testid="front-server-error" className="mb-4 rounded-md border border-rose-200 bg-rose-50 px-4 py-3 text-sm text-rose-800 dark:border-rose-900 dark:bg-rose-950 dark:text-rose-200">
      <p className="font-medium">Sites cannot be served right now: the front server has a problem.</p>
      <p className="mt-1 break-words">{frontProblem}</p>
      <p className="mt-1 text-xs">Slipway retries by itself; fix the cause (a port in use: SLIPWAY_FRONT_HTTP_PORT / SLIPWAY_FRONT_HTTPS_PORT) and it comes up without a restart.</p>
    </div>
  );
  if (!sites.data) return <p className="text-sm text-slate-500">Loading sites…</p>;
  if (sites.data.length === 0) {
    return (
      <>
        {banner}
        <EmptyState icon={<GlobeIcon />} title="No sites yet">
          <p>
            A site is a git repository served on your domains: static files, PHP behind nginx or Apache, PHP&apos;s built-in server or your own Dockerfile. Each deploy builds a release
            and switches to it only once it answers.
          </p>
          <div className="mt-5">
            <LinkButton href="/sites/new" testId="add-site">
              Add a site
            </LinkButton>
          </div>
        </EmptyState>
      </>
    );
  }

  return (
    <div className="space-y-3">
      {banner}
      <Table testId="sites-table" columns={[{ label: "Site" }, { label: "Stack" }, { label: "Domains" }, { label: "Status" }, { label: "Last deploy" }]}>
        {sites.data.map((site) => (
          <tr key={site.id} data-testid={`site-row-${site.name}`}>
            <td className="px-4 py-2.5">
              <Link href={`/sites/${site.id}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                {site.name}
              </Link>
            </td>
            <td className="px-4 py-2.5 whitespace-nowrap text-slate-600 dark:text-slate-300">{STACK_INFO[site.stack].label}</td>
            <td className="max-w-xs px-4 py-2.5">
              <DomainLinks domains={site.domains} httpPort={httpPort} />
            </td>
            <td className="px-4 py-2.5 whitespace-nowrap">
              <span className="flex items-center gap-2">
                <FrontStatusBadge status={site.front.status} />
                {site.activeRelease ? (
                  <span className="text-xs text-slate-600 dark:text-slate-300" title={site.activeRelease.sha ?? undefined}>
                    live: release #{site.activeRelease.number}
                  </span>
                ) : (
                  <span className="text-xs text-slate-500 dark:text-slate-400">Not deployed yet</span>
                )}
              </span>
            </td>
            <td className="px-4 py-2.5 whitespace-nowrap">
              {site.lastDeploy ? (
                <Link href={`/runs/${site.lastDeploy.id}`} className="flex items-center gap-2 text-xs text-slate-500 hover:underline dark:text-slate-400">
                  <RunStatusBadge status={site.lastDeploy.status} />
                  <span>#{site.lastDeploy.number}</span>
                  <TimeAgo iso={site.lastDeploy.finishedAt ?? site.lastDeploy.createdAt} />
                </Link>
              ) : (
                <span className="text-xs text-slate-500 dark:text-slate-400">never</span>
              )}
            </td>
          </tr>
        ))}
      </Table>
      <p className="text-xs text-slate-500 dark:text-slate-400">
        Domains are served by the front server on this host&apos;s HTTP port{httpPort !== null ? ` (${httpPort})` : ""} and HTTPS port, set by SLIPWAY_FRONT_HTTP_PORT and
        SLIPWAY_FRONT_HTTPS_PORT; point each domain&apos;s DNS at this host.
      </p>
    </div>
  );
}
