import "server-only";
import type { Mount } from "@/server/docker/types";
import type { TaskSpec } from "@/server/tasks/task-spec";
import { COLOUR_ENV, runContainerLabels, runContainerName } from "../run-labels";
import { instanceId } from "@/server/settings/instance-id";
import type { RunDeps } from "../run-deps";
import { runStepContainer, type StepRef } from "../step-container";
import { worktreeVolumeName } from "../worktree-volume";
import type { StepOutcome } from "./step-outcome";

/**
 * The task's own container: its image and command, every checkout mounted read-only at /src/<name>,
 * writing into its own container layer. Nothing secret goes into its environment.
 */
export async function runTaskStep(
  deps: RunDeps,
  step: StepRef,
  input: { runId: string; spec: TaskSpec; position: number; secrets: string[]; signal?: AbortSignal; afterStart?: (containerId: string) => Promise<void> },
): Promise<StepOutcome> {
  const { spec } = input;
  if (!step.containerId && !(await deps.docker.images.exists(spec.image))) {
    return { status: "failed", detail: `Image ${spec.image} is not on this engine. Build it, pull it (docker pull ${spec.image}), or fix the task's image name.` };
  }
  const mounts: Mount[] = spec.checkouts.map((checkout) => ({
    type: "volume",
    source: worktreeVolumeName(spec.taskId, checkout),
    target: `/src/${checkout.mountName}`,
    readOnly: true,
  }));
  const first = spec.checkouts[0];
  const result = await runStepContainer(
    deps,
    step,
    {
      name: runContainerName(spec.name, input.runId, input.position, "task"),
      image: spec.image,
      cmd: spec.command,
      env: { ...spec.env, ...COLOUR_ENV },
      workingDir: spec.workingDir ?? (first ? `/src/${first.mountName}` : undefined),
      labels: runContainerLabels(await instanceId(deps.db), input.runId, spec.taskId, input.position, "task"),
      mounts,
      networkMode: deps.network,
    },
    { secrets: input.secrets, signal: input.signal, afterStart: input.afterStart },
  );
  if (result.vanished) return { status: "failed", detail: result.vanished, exitCode: result.exitCode };
  return result.exitCode === 0
    ? { status: "succeeded", detail: "Exit code 0.", exitCode: 0 }
    : { status: "failed", detail: `The command exited with code ${result.exitCode}.`, exitCode: result.exitCode };
}
