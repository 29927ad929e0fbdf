"use client";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FrontStatusBadge } from "./front-status-badge";
import type { FrontStatus } from "./site-labels";

interface FrontConfig {
  rendered: string | null;
  renderError: string | null;
  published: string | null;
  upToDate: boolean;
}

/** The site's server block for the shared front server: its state, why it is quarantined, and the config itself. */
export function FrontConfigCard({ status, error, config, onEditSettings }: { status: FrontStatus; error: string | null; config: FrontConfig; onEditSettings: () => void }) {
  const [open, setOpen] = useState(false);
  const problem = error ?? config.renderError;
  return (
    <Card
      title={
        <span className="flex items-center gap-2">
          Front config <FrontStatusBadge status={status} />
        </span>
      }
      description="This site's server block in the shared front server (nginx)."
    >
      <div className="space-y-3">
        {problem && (
          <div role="alert" data-testid="front-error" className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800 dark:border-rose-900 dark:bg-rose-950 dark:text-rose-200">
            <pre className="font-mono text-xs whitespace-pre-wrap">{problem}</pre>
            <p className="mt-2">
              {status === "quarantined"
                ? `The other sites are not affected${config.published !== null ? "; this one keeps being served with its last good config" : ""}. `
                : ""}
              Fix the custom snippet in Settings and save; the config is checked and published again on save.{" "}
              <button type="button" onClick={onEditSettings} className="font-medium underline">
                Open Settings
              </button>
            </p>
          </div>
        )}
        {status === "pending" && !problem && <p className="text-sm text-slate-500 dark:text-slate-400">Not published yet: the front server picks it up on the next sync (after a save or a deploy).</p>}
        <div className="flex flex-wrap items-center gap-2 text-sm">
          {config.rendered === null ? (
            <Badge tone="slate">nothing to render yet</Badge>
          ) : config.upToDate ? (
            <Badge tone="green">published</Badge>
          ) : (
            <Badge tone="amber">{config.published === null ? "not published" : "differs from the published one"}</Badge>
          )}
          <span className="text-xs text-slate-500 dark:text-slate-400">
            {config.upToDate
              ? "The front server serves exactly this config."
              : config.published === null
                ? "The front server has no config for this site yet."
                : "The front server still serves the last good one."}
          </span>
          {(config.rendered ?? config.published) !== null && (
            <Button variant="ghost" className="ml-auto" aria-expanded={open} onClick={() => setOpen((o) => !o)} data-testid="front-config-toggle">
              {open ? "Hide config" : "Show config"}
            </Button>
          )}
        </div>
        {open && (
          <div className="space-y-3">
            {config.rendered !== null && <ConfigText title={config.upToDate ? "Rendered and published" : "Rendered now"} text={config.rendered} />}
            {!config.upToDate && config.published !== null && <ConfigText title="Published (last good)" text={config.published} />}
          </div>
        )}
      </div>
    </Card>
  );
}

function ConfigText({ title, text }: { title: string; text: string }) {
  return (
    <div>
      <p className="mb-1 text-xs font-medium text-slate-500 uppercase dark:text-slate-400">{title}</p>
      <pre data-testid="front-config" className="max-h-96 overflow-auto rounded-md bg-slate-100 px-3 py-2 font-mono text-xs text-slate-800 dark:bg-slate-950 dark:text-slate-300">
        {text}
      </pre>
    </div>
  );
}
