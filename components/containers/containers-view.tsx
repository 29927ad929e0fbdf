"use client";
import { useMutation } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useState } from "react";
import { Badge, type Tone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorText } from "@/components/ui/field";
import { BoxIcon } from "@/components/ui/icons";
import { formatDuration } from "@/components/ui/time";
import { useNow } from "@/components/ui/time-ago";
import { Table } from "@/components/ui/table";
import { useTRPC } from "@/components/trpc";
import { ContainerActions } from "./container-actions";

// Labels every container has, or inherits from Slipway's images: noise in this table.
const HIDDEN_LABELS = new Set(["slipway.managed", "slipway.context-hash", "slipway.image"]);

const stateTone: Record<string, Tone> = { running: "green", restarting: "amber", paused: "amber", created: "blue", exited: "slate", dead: "red", removing: "slate" };
const healthTone: Record<string, Tone> = { healthy: "green", starting: "amber", unhealthy: "red" };

export function ContainersView() {
  const trpc = useTRPC();
  const feed = useSubscription(trpc.containers.watch.subscriptionOptions());
  const [actionError, setActionError] = useState<string | null>(null);
  const control = useMutation(trpc.containers.control.mutationOptions({ onError: (e) => setActionError(e.message), onSuccess: () => setActionError(null) }));
  const now = useNow(5_000);
  const snapshot = feed.data;

  if (!snapshot) {
    return <p className="text-sm text-slate-500">{feed.error ? `Could not load containers: ${feed.error.message}` : "Connecting to the live container feed…"}</p>;
  }
  const { engine, containers } = snapshot;

  return (
    <div className="space-y-6">
      <Card title="Docker engine">
        <dl className="grid grid-cols-2 gap-4 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-slate-500 dark:text-slate-400">Status</dt>
            <dd className="mt-1" data-testid="engine-status">
              {engine.reachable ? <Badge tone="green">reachable</Badge> : <Badge tone="red">unreachable</Badge>}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500 dark:text-slate-400">Version</dt>
            <dd className="mt-1 font-mono">{engine.version ?? "—"}</dd>
          </div>
          <div>
            <dt className="text-slate-500 dark:text-slate-400">API</dt>
            <dd className="mt-1 font-mono">{engine.apiVersion ?? "—"}</dd>
          </div>
          <div>
            <dt className="text-slate-500 dark:text-slate-400">Live feed</dt>
            <dd className="mt-1">{feed.status === "pending" ? <Badge tone="green">live</Badge> : <Badge tone="amber">{feed.status}</Badge>}</dd>
          </div>
        </dl>
        {!engine.reachable && engine.error && <p className="mt-3 text-sm text-rose-700 dark:text-rose-300">{engine.error}</p>}
      </Card>

      <ErrorText>{actionError ?? snapshot.error}</ErrorText>

      {containers.length === 0 ? (
        <EmptyState icon={<BoxIcon />} title="No managed containers">
          {engine.reachable
            ? "Slipway lists the containers it creates (label slipway.managed=true): front server, site sidecars and run containers. None exist yet."
            : "The engine is not reachable, so there is nothing to show. This page updates by itself when it is back."}
        </EmptyState>
      ) : (
        <Table columns={[{ label: "Name" }, { label: "Image" }, { label: "State" }, { label: "Uptime" }, { label: "Labels" }, { label: "Actions", align: "right" }]}>
              {containers.map((c) => (
                <tr key={c.id} id={c.id.slice(0, 12)} data-testid={`container-${c.name}`} className="align-top target:bg-indigo-50 dark:target:bg-indigo-950/50">
                  <td className="px-4 py-3">
                    <div className="font-medium">{c.name}</div>
                    <div className="font-mono text-xs text-slate-500">{c.id.slice(0, 12)}</div>
                  </td>
                  <td className="px-4 py-3 font-mono text-xs break-all">{c.image}</td>
                  <td className="px-4 py-3">
                    <div className="flex flex-wrap gap-1" data-testid="container-state">
                      <Badge tone={stateTone[c.state] ?? "slate"}>{c.state}</Badge>
                      {c.health && <Badge tone={healthTone[c.health] ?? "slate"}>{c.health}</Badge>}
                    </div>
                  </td>
                  <td className="px-4 py-3 whitespace-nowrap">{c.startedAt ? formatDuration(now - Date.parse(c.startedAt)) : "—"}</td>
                  <td className="px-4 py-3">
                    <div className="flex max-w-xs flex-wrap gap-1">
                      {Object.entries(c.labels)
                        .filter(([k]) => k.startsWith("slipway.") && !HIDDEN_LABELS.has(k))
                        .map(([k, v]) => (
                          <span
                            key={k}
                            title={`${k}=${v}`}
                            className="max-w-full truncate rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300"
                          >
                            {k.slice("slipway.".length)}={v.length > 24 ? `${v.slice(0, 12)}…` : v}
                          </span>
                        ))}
                    </div>
                  </td>
                  <td className="px-4 py-3">
                    <ContainerActions
                      name={c.name}
                      state={c.state}
                      busy={control.isPending && control.variables?.id === c.id}
                      onAction={(action) => control.mutate({ id: c.id, action })}
                    />
                  </td>
                </tr>
              ))}
        </Table>
      )}
    </div>
  );
}
