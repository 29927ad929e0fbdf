"use client";
import { useQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatTime } from "@/components/ui/time";
import { Table } from "@/components/ui/table";
import { useTRPC } from "@/components/trpc";

export function AuditLog() {
  const trpc = useTRPC();
  const events = useQuery({ ...trpc.audit.recent.queryOptions({ limit: 50 }), refetchInterval: 15_000 });
  return (
    <Card title="Recent activity" description="Every change made through the panel or the API: who, what, when and from where.">
      {events.data?.length === 0 && <p className="text-sm text-slate-500 dark:text-slate-400">Nothing recorded yet.</p>}
      {events.data && events.data.length > 0 && (
        <Table variant="plain" testId="audit-log" columns={[{ label: "When" }, { label: "Who" }, { label: "What" }, { label: "From" }, { label: "Result" }]}>
              {events.data.map((e) => (
                <tr key={e.id} className="align-top">
                  <td className="py-2 pr-4 whitespace-nowrap">{formatTime(e.at)}</td>
                  <td className="py-2 pr-4">{e.actor}</td>
                  <td className="py-2 pr-4">
                    <span className="font-mono text-xs">{e.action}</span>
                    {e.detail && <div className="max-w-md truncate font-mono text-xs text-slate-500" title={e.detail}>{e.detail}</div>}
                  </td>
                  <td className="py-2 pr-4 font-mono text-xs">{e.ip ?? "—"}</td>
                  <td className="py-2">{e.outcome === "ok" ? <Badge tone="green">ok</Badge> : <Badge tone="red">failed</Badge>}</td>
                </tr>
              ))}
        </Table>
      )}
    </Card>
  );
}
