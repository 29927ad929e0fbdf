"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorText } from "@/components/ui/field";
import { useTRPC } from "@/components/trpc";
import { CertificateCard } from "./certificate-card";
import { ContainersCard } from "./containers-card";
import { DeploysCard } from "./deploys-card";
import { FrontConfigCard } from "./front-config-card";
import { FrontStatusBadge } from "./front-status-badge";
import { LiveDeploy } from "./live-deploy";
import { ReleasesCard, type Release } from "./releases-card";
import { SiteSettings } from "./site-settings";
import { DomainLinks } from "./site-links";
import { STACK_INFO } from "./site-labels";

/** One site: deploy it and watch the deploy, its releases (roll back), containers, front config, deploys, certificate, settings. */
export function SiteView({ siteId }: { siteId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const site = useQuery({ ...trpc.sites.get.queryOptions({ siteId }), refetchInterval: 3_000 });
  const latest = useQuery({ ...trpc.runs.list.queryOptions({ siteId, limit: 1 }), refetchInterval: 3_000 });
  const [shownRun, setShownRun] = useState<string | null>(null);
  const [hiddenRun, setHiddenRun] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const settingsRef = useRef<HTMLDivElement>(null);

  const started = (run: { id: string }) => {
    setShownRun(run.id);
    void queryClient.invalidateQueries(trpc.runs.list.pathFilter());
    void queryClient.invalidateQueries(trpc.sites.pathFilter());
  };
  const deploy = useMutation(trpc.sites.deploy.mutationOptions({ onSuccess: started }));
  const rollback = useMutation(trpc.sites.rollback.mutationOptions({ onSuccess: started }));

  if (site.error) {
    return (
      <div className="space-y-3">
        <ErrorText>{site.error.message}</ErrorText>
        <Link href="/sites" className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
          Back to the sites
        </Link>
      </div>
    );
  }
  if (!site.data) return <p className="text-sm text-slate-500">Loading site…</p>;
  const s = site.data;
  const active = s.releases.find((r) => r.status === "active");
  // A deploy already under way when the page opens (or started elsewhere) is followed too.
  const latestRun = latest.data?.[0];
  const running = latestRun && (latestRun.status === "queued" || latestRun.status === "running") ? latestRun.id : null;
  const followed = shownRun ?? running;
  const deploying = running !== null || deploy.isPending || rollback.isPending;

  const confirmRollback = (release: Release) => {
    const what = `release #${release.number}${release.sha ? ` (${release.sha.slice(0, 10)})` : ""}`;
    const warning = release.status === "bad" ? ` It was marked bad${release.reason ? `: ${release.reason}` : ""}.` : "";
    if (confirm(`Roll ${s.name} back to ${what}?${warning} It goes live after its health check; the current release stays on disk.`)) {
      rollback.mutate({ siteId, release: release.number });
    }
  };
  const openSettings = () => {
    setEditing(true);
    settingsRef.current?.scrollIntoView({ behavior: "smooth", block: "start" });
  };

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <p className="text-sm text-slate-500">
            <Link href="/sites" className="hover:underline">
              Sites
            </Link>{" "}
            / {s.name}
          </p>
          <h1 className="mt-1 flex flex-wrap items-center gap-3 text-2xl font-semibold tracking-tight" data-testid="site-name">
            {s.name} <FrontStatusBadge status={s.front.status} />
          </h1>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            {STACK_INFO[s.stack].label} · {s.source.revision} of <span className="font-mono text-xs">{s.source.url}</span> ·{" "}
            {active ? `live: release #${active.number}` : "not deployed yet"}
          </p>
          <DomainLinks domains={s.domains} httpPort={s.frontUrl.httpPort} className="mt-1.5" />
        </div>
        <div className="flex gap-2">
          <Button onClick={() => deploy.mutate({ siteId })} disabled={deploying} data-testid="deploy-button">
            {deploy.isPending ? "Starting…" : running ? "Deploying…" : "Deploy"}
          </Button>
        </div>
      </div>
      <ErrorText>{deploy.error?.message ?? rollback.error?.message}</ErrorText>

      {followed && followed !== hiddenRun && (
        <LiveDeploy
          key={followed}
          runId={followed}
          onClose={() => {
            setShownRun(null);
            setHiddenRun(followed);
          }}
        />
      )}

      <ReleasesCard releases={s.releases} onRollback={confirmRollback} busy={deploying} />

      <div className="grid gap-6 lg:grid-cols-2">
        <DeploysCard siteId={siteId} />
        <ContainersCard stack={s.stack} containers={s.containers} />
      </div>

      <FrontConfigCard status={s.front.status} error={s.front.error} config={s.frontConfig} onEditSettings={openSettings} />

      <CertificateCard siteId={siteId} hasCertificate={s.hasCertificate} httpsPort={s.frontUrl.httpsPort} />

      <div ref={settingsRef} className="scroll-mt-6">
        <SiteSettings site={s} editing={editing} onEditingChange={setEditing} />
      </div>
    </div>
  );
}
