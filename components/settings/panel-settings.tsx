"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ErrorText, TextField } from "@/components/ui/field";
import { useTRPC } from "@/components/trpc";

const NUMBERS = [
  { key: "runConcurrency", label: "Runs at a time", hint: "Deploys and task runs started in parallel (one per site or task)." },
  { key: "cancelGraceSeconds", label: "Cancel grace (s)", hint: "SIGTERM, then this long, then SIGKILL." },
  { key: "keepReleases", label: "Releases kept per site", hint: "The live one included; older ones are removed after a good deploy." },
  { key: "keepRunContainersPerTask", label: "Stopped containers kept per task", hint: "For inspection after a run." },
  { key: "runContainerMaxAgeHours", label: "Stopped containers max age (h)", hint: "Older ones are removed." },
] as const;

type NumberKey = (typeof NUMBERS)[number]["key"];

/** The panel-wide settings: runs, releases and the front server's trusted proxies. */
export function PanelSettings() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.settings.get.queryOptions());
  return (
    <Card title="Runs, releases and the front server" description="Apply to every task and site.">
      {settings.error && <ErrorText>{settings.error.message}</ErrorText>}
      {!settings.data ? <p className="text-sm text-slate-500">Loading settings…</p> : <SettingsForm initial={settings.data} />}
    </Card>
  );
}

function SettingsForm({ initial }: { initial: Record<NumberKey, number> & { trustedProxies: string[] } }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [numbers, setNumbers] = useState(() => Object.fromEntries(NUMBERS.map(({ key }) => [key, String(initial[key])])) as Record<NumberKey, string>);
  const [proxies, setProxies] = useState(initial.trustedProxies.join("\n"));
  const [saved, setSaved] = useState(false);
  const update = useMutation(
    trpc.settings.update.mutationOptions({
      onSuccess: () => {
        setSaved(true);
        void queryClient.invalidateQueries(trpc.settings.get.pathFilter());
      },
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    update.mutate({
      ...(Object.fromEntries(NUMBERS.map(({ key }) => [key, Number(numbers[key])])) as Record<NumberKey, number>),
      trustedProxies: proxies
        .split(/[\s,]+/)
        .map((p) => p.trim())
        .filter(Boolean),
    });
  };

  return (
    <form onSubmit={submit} className="space-y-4" data-testid="panel-settings">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {NUMBERS.map(({ key, label, hint }) => (
          <TextField key={key} id={`setting-${key}`} label={label} hint={hint} type="number" inputMode="numeric" value={numbers[key]} onChange={(e) => setNumbers({ ...numbers, [key]: e.target.value })} />
        ))}
      </div>
      <div>
        <label htmlFor="setting-trusted-proxies" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
          Trusted proxies
        </label>
        <textarea
          id="setting-trusted-proxies"
          rows={3}
          value={proxies}
          onChange={(e) => setProxies(e.target.value)}
          placeholder={"203.0.113.7\n10.0.0.0/8"}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm shadow-sm outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 dark:border-slate-700 dark:bg-slate-950"
        />
        <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
          Addresses or CIDR ranges of load balancers in front of Slipway, one per line. Only their X-Forwarded-For and X-Forwarded-Proto are believed; leave empty when clients connect directly.
        </p>
      </div>
      <ErrorText>{update.error?.message}</ErrorText>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save settings"}
        </Button>
        {saved && <span className="text-sm text-emerald-700 dark:text-emerald-300">Saved.</span>}
      </div>
    </form>
  );
}
