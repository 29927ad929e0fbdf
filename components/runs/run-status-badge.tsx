import { Badge, type Tone } from "@/components/ui/badge";

const tones: Record<string, Tone> = {
  queued: "slate",
  pending: "slate",
  running: "blue",
  succeeded: "green",
  failed: "red",
  cancelled: "amber",
  timed_out: "amber",
  replaced: "slate",
  skipped: "slate",
};

export function RunStatusBadge({ status }: { status: string }) {
  return (
    <span data-testid="run-status" data-status={status}>
      <Badge tone={tones[status] ?? "slate"}>
        {status === "running" && <span className="mr-1 inline-block h-1.5 w-1.5 animate-pulse rounded-full bg-current" />}
        {status.replace("_", " ")}
      </Badge>
    </span>
  );
}
