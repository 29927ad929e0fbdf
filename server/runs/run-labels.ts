import { slipwayLabels } from "@/server/docker/labels";

export const RUN_LABEL = "slipway.run-id";
export const TASK_LABEL = "slipway.task";
export const STEP_LABEL = "slipway.step";
export const INSTANCE_LABEL = "slipway.instance";

/** Every container of a run carries the run, task and step, so a restarted panel finds them again. */
export function runContainerLabels(instance: string, runId: string, taskId: string, stepPosition: number, kind: string): Record<string, string> {
  return slipwayLabels({ "slipway.kind": "run", [INSTANCE_LABEL]: instance, [RUN_LABEL]: runId, [TASK_LABEL]: taskId, [STEP_LABEL]: String(stepPosition), "slipway.step-kind": kind });
}

/** Tools are told they may use colour. */
export const COLOUR_ENV: Record<string, string> = { TERM: "xterm-256color", FORCE_COLOR: "1", CLICOLOR_FORCE: "1" };

/** A readable, unique container name: task name, the end of the run id, step position and kind. */
export function runContainerName(taskName: string, runId: string, stepPosition: number, kind: string): string {
  return `slipway-${taskName}-${runId.slice(-10)}-${stepPosition}-${kind}`.replace(/[^a-zA-Z0-9_.-]/g, "-");
}
