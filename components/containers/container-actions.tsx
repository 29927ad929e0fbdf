"use client";
import { Button } from "@/components/ui/button";

export function ContainerActions({ name, state, busy, onAction }: { name: string; state: string; busy: boolean; onAction: (action: "start" | "stop" | "restart") => void }) {
  const running = state === "running" || state === "restarting";
  return (
    <div className="flex justify-end gap-1.5">
      {running ? (
        <>
          <Button variant="secondary" disabled={busy} onClick={() => onAction("restart")} aria-label={`Restart ${name}`}>
            Restart
          </Button>
          <Button variant="danger" disabled={busy} onClick={() => onAction("stop")} aria-label={`Stop ${name}`}>
            {busy ? "Working…" : "Stop"}
          </Button>
        </>
      ) : (
        <Button variant="secondary" disabled={busy} onClick={() => onAction("start")} aria-label={`Start ${name}`}>
          {busy ? "Working…" : "Start"}
        </Button>
      )}
    </div>
  );
}
