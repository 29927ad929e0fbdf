import { Badge, type Tone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import type { Stack } from "@/server/sites/site-input";

const STATE_TONES: Record<string, Tone> = { running: "green", restarting: "amber", paused: "amber", created: "slate", exited: "red", dead: "red" };

/** The containers the site runs on (its PHP or app container; static sites have none). */
export function ContainersCard({ stack, containers }: { stack: Stack; containers: { id: string; name: string; role: string; state: string; status: string }[] | null }) {
  return (
    <Card title="Containers">
      {containers === null ? (
        <p className="text-sm text-amber-800 dark:text-amber-300">The Docker engine did not answer: the containers&apos; state is unknown. The banner at the top says when it is back.</p>
      ) : containers.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">
          {stack === "static" ? "None: a static site is served by the front server alone." : "None running: the site's container starts when a release goes live."}
        </p>
      ) : (
        <Table variant="plain" testId="site-containers" columns={[{ label: "Name" }, { label: "Role" }, { label: "State" }]}>
          {containers.map((c) => (
            <tr key={c.id}>
              <td className="py-2 pr-4 font-mono text-xs">
                <a href={`/containers#${c.id.slice(0, 12)}`} className="text-indigo-700 hover:underline dark:text-indigo-300">
                  {c.name}
                </a>
              </td>
              <td className="py-2 pr-4 text-xs">{c.role || "—"}</td>
              <td className="py-2">
                <span className="flex flex-wrap items-center gap-2">
                  <Badge tone={STATE_TONES[c.state] ?? "slate"}>{c.state}</Badge>
                  <span className="text-xs text-slate-500 dark:text-slate-400">{c.status}</span>
                </span>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}
