import "server-only";
import type { TaskSpec } from "@/server/tasks/task-spec";
import { runContainerLabels, runContainerName } from "../run-labels";
import { instanceId } from "@/server/settings/instance-id";
import type { RunDeps } from "../run-deps";
import { worktreeVolumeName } from "../worktree-volume";
import { buildImageFromVolume } from "./build-image";
import type { StepOutcome } from "./step-outcome";

/**
 * Builds the task's image from a Dockerfile in one of its checkouts. Docker's layer cache makes a
 * rebuild after a restart cheap, so a resumed build step simply builds again.
 */
export async function runBuildStep(deps: RunDeps, input: { runId: string; spec: TaskSpec; position: number; signal?: AbortSignal }): Promise<StepOutcome> {
  const { spec } = input;
  if (!spec.build) return { status: "succeeded", detail: "Nothing to build." };
  const checkout = spec.checkouts.find((c) => c.mountName === spec.build?.repo);
  if (!checkout) return { status: "failed", detail: `No checkout mounts at /src/${spec.build.repo}.` };
  try {
    await buildImageFromVolume(deps, {
      runId: input.runId,
      contextContainer: runContainerName(spec.name, input.runId, input.position, "context"),
      contextLabels: runContainerLabels(await instanceId(deps.db), input.runId, spec.taskId, input.position, "build-context"),
      volume: worktreeVolumeName(spec.taskId, checkout),
      dockerfile: spec.build.dockerfile,
      tag: spec.image,
      imageLabels: { "slipway.task": spec.taskId, "slipway.image": "task" },
      signal: input.signal,
    });
    return { status: "succeeded", detail: `Built ${spec.image} from ${spec.build.repo}/${spec.build.dockerfile}.` };
  } catch (error) {
    return { status: "failed", detail: `The image build failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
