import { Elapsed } from "@/components/ui/time-ago";
import { RunStatusBadge } from "./run-status-badge";

interface Step {
  id: string;
  position: number;
  kind: string;
  name: string;
  status: string;
  detail: string | null;
  containerId: string | null;
  exitCode: number | null;
  startedAt: string | null;
  finishedAt: string | null;
}

/** The run's steps as a progress list: status, duration, what happened and the container it ran in. */
export function RunSteps({ steps }: { steps: Step[] }) {
  const done = steps.filter((s) => s.status === "succeeded").length;
  return (
    <div>
      <div className="mb-3 h-1.5 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800" role="progressbar" aria-valuemin={0} aria-valuemax={steps.length} aria-valuenow={done}>
        <div className="h-full bg-emerald-500 transition-all" style={{ width: `${(done / Math.max(1, steps.length)) * 100}%` }} />
      </div>
      <ol className="space-y-2">
        {steps.map((step) => (
          <li key={step.id} data-testid={`step-${step.position}`} className="flex flex-wrap items-start justify-between gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm dark:border-slate-800">
            <div className="min-w-0">
              <div className="font-medium">{step.name}</div>
              {step.detail && <div className={`mt-0.5 text-xs ${step.status === "failed" ? "text-rose-700 dark:text-rose-300" : "text-slate-500 dark:text-slate-400"}`}>{step.detail}</div>}
              {step.containerId && (
                <a href={`/containers#${step.containerId.slice(0, 12)}`} className="mt-0.5 inline-block font-mono text-xs text-indigo-700 hover:underline dark:text-indigo-300">
                  container {step.containerId.slice(0, 12)}
                </a>
              )}
            </div>
            <div className="flex items-center gap-3 text-xs text-slate-500">
              <Elapsed start={step.startedAt} end={step.finishedAt} />
              <RunStatusBadge status={step.status} />
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
