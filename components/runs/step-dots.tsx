const colours: Record<string, string> = {
  pending: "bg-slate-300 dark:bg-slate-600",
  running: "bg-sky-500 animate-pulse",
  succeeded: "bg-emerald-500",
  failed: "bg-rose-500",
  cancelled: "bg-amber-500",
  timed_out: "bg-amber-500",
  skipped: "bg-slate-200 dark:bg-slate-700",
};

/** One dot per step: progress at a glance. */
export function StepDots({ steps }: { steps: { name: string; status: string }[] }) {
  return (
    <div className="flex gap-1" aria-label={`${steps.filter((s) => s.status === "succeeded").length} of ${steps.length} steps done`}>
      {steps.map((s, i) => (
        <span key={i} title={`${s.name}: ${s.status}`} className={`h-2.5 w-2.5 rounded-full ${colours[s.status] ?? colours.pending}`} />
      ))}
    </div>
  );
}
