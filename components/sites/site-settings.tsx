"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ErrorText } from "@/components/ui/field";
import { useTRPC } from "@/components/trpc";
import { SiteForm } from "./site-form";
import { siteToDraft, type SiteShape } from "./site-form-state";
import { PHP_STACKS } from "./site-labels";

type Site = SiteShape & { id: string; source: SiteShape["source"] & { keyName: string | null } };

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-[12rem_minmax(0,1fr)]">
      <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

const mono = "font-mono text-xs";

/** What the site is set to, the same form as on creation to change it, and deleting it. */
export function SiteSettings({ site, editing, onEditingChange }: { site: Site; editing: boolean; onEditingChange: (editing: boolean) => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.sites.delete.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.sites.list.pathFilter());
        router.push("/sites");
      },
    }),
  );
  const secrets = site.env.filter((e) => e.secret).length;
  const ini = Object.entries(site.php.ini);
  const pool = Object.entries(site.php.fpmPool);

  return (
    <div className="space-y-6">
      <Card
        title="Settings"
        description={editing ? "Saving publishes the front config again; code changes take effect on the next deploy." : undefined}
        actions={
          !editing && (
            <Button variant="secondary" onClick={() => onEditingChange(true)} data-testid="edit-settings">
              Edit settings
            </Button>
          )
        }
      >
        {editing ? (
          <SiteForm siteId={site.id} initial={siteToDraft(site)} onSaved={() => onEditingChange(false)} onCancel={() => onEditingChange(false)} />
        ) : (
          <dl className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
            <Row label="Source">
              <span className={mono}>{site.source.url}</span> at <span className={mono}>{site.source.revision}</span>
              {site.source.submodules ? " with submodules" : ""} · {site.source.keyName ? `key ${site.source.keyName}` : "no deploy key"}
            </Row>
            <Row label="Build">
              {site.build.mode === "custom" ? <span className={mono}>{JSON.stringify(site.build.command)}</span> : site.build.mode === "auto" ? "automatic" : "none"}
            </Row>
            {site.stack !== "dockerfile" && (
              <Row label="Web root">
                <span className={mono}>/{site.webRoot}</span>
              </Row>
            )}
            {site.stack === "dockerfile" && (
              <Row label="Container">
                <span className={mono}>{site.dockerfile ?? "Dockerfile"}</span>, app on port {site.appPort ?? "—"}
              </Row>
            )}
            <Row label="Health check">
              <span className={mono}>{site.healthPath}</span>
            </Row>
            <Row label="Shared paths">{site.sharedPaths.length ? <span className={mono}>{site.sharedPaths.join("  ")}</span> : "none"}</Row>
            <Row label="Environment">
              {site.env.length ? (
                <>
                  <span className={mono}>{site.env.map((e) => e.name).join("  ")}</span>
                  {secrets > 0 && <span className="text-slate-500 dark:text-slate-400"> ({secrets} secret)</span>}
                </>
              ) : (
                "none"
              )}
            </Row>
            {PHP_STACKS.includes(site.stack) && (
              <Row label="PHP">
                sessions in {site.php.sessionHandler}
                {ini.length > 0 && <span className={`block ${mono}`}>{ini.map(([k, v]) => `${k}=${v}`).join("  ")}</span>}
                {pool.length > 0 && <span className={`block ${mono}`}>{pool.map(([k, v]) => `${k}=${v}`).join("  ")}</span>}
              </Row>
            )}
            <Row label="Custom nginx snippet">{site.customSnippet ? `${site.customSnippet.split("\n").length} line(s)` : "none"}</Row>
          </dl>
        )}
      </Card>

      <Card title="Delete this site" description="Removes its containers, releases, shared files, certificate and deploy history. The repository is not touched.">
        <div className="space-y-3">
          <ErrorText>{remove.error?.message}</ErrorText>
          <Button
            variant="danger"
            data-testid="delete-site"
            disabled={remove.isPending}
            onClick={() => {
              if (confirm(`Delete site "${site.name}"? Its releases, shared files (uploads…) and deploy history are removed for good.`)) remove.mutate({ siteId: site.id });
            }}
          >
            {remove.isPending ? "Deleting…" : "Delete site"}
          </Button>
        </div>
      </Card>
    </div>
  );
}
