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
  const first = sites.data?.[0];
  // The front server's port is the host's setting; any site's details carry it (asked once).
  const sample = useQuery({ ...trpc.sites.get.queryOptions({ siteId: first?.id ?? "" }), enabled: first !== undefined, staleTime: Infinity, refetchInterval: false });
  const httpPort = sample.data?.frontUrl.httpPort ?? null;

  if (sites.error) return <ErrorText>{sites.error.message}</ErrorText>;
  if (!sites.data) return <p className="text-sm text-slate-500">Loading sites…</p>;
  if (sites.data.length === 0) {
    return (
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
    );
  }

  return (
    <div className="space-y-3">
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
