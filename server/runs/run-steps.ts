import type { TaskSpec } from "@/server/tasks/task-spec";

export interface PlannedStep {
  position: number;
  kind: "checkout" | "build" | "task" | "publish" | "activate" | "health";
  name: string;
}

/** One step per checkout, the image build if the task builds its image, then the task. */
export function planSteps(spec: TaskSpec): PlannedStep[] {
  const steps: PlannedStep[] = spec.checkouts.map((c, i) => ({ position: i, kind: "checkout", name: `Checkout ${c.mountName} (${c.revision})` }));
  if (spec.build) steps.push({ position: steps.length, kind: "build", name: `Build ${spec.image} from ${spec.build.repo}/${spec.build.dockerfile}` });
  steps.push({ position: steps.length, kind: "task", name: `Run ${describeCommand(spec.command)}` });
  return steps;
}

/** A short human name for a command: a shell script by its first line, otherwise its arguments. */
export function describeCommand(command: string[]): string {
  const text = command.length === 3 && ["sh", "bash"].includes(command[0] ?? "") && command[1] === "-c" ? (command[2] ?? "").trim().split("\n")[0] ?? "" : command.join(" ");
  return text.length > 60 ? `${text.slice(0, 59).trimEnd()}…` : text;
}

export type RunStatus = "queued" | "running" | "succeeded" | "failed" | "cancelled" | "timed_out" | "replaced";
export const FINISHED: readonly RunStatus[] = ["succeeded", "failed", "cancelled", "timed_out", "replaced"];
