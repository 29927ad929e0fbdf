import "server-only";
import { Readable } from "node:stream";
import { CHECKOUT_IMAGE } from "@/server/images/slipway-images";
import type { TaskSpec } from "@/server/tasks/task-spec";
import { runContainerLabels, runContainerName } from "../run-labels";
import { instanceId } from "@/server/settings/instance-id";
import type { RunDeps } from "../run-deps";
import { worktreeVolumeName } from "../worktree-volume";
import type { StepOutcome } from "./step-outcome";

/**
 * Builds the task's image from a Dockerfile in one of its checkouts. The context is the worktree,
 * tarred by a short-lived container that mounts it read-only (works with a remote engine too), and
 * streamed into the engine's build; the build output goes to the run's log. Docker's layer cache
 * makes a rebuild after a restart cheap, so a resumed build step simply builds again.
 */
export async function runBuildStep(deps: RunDeps, input: { runId: string; spec: TaskSpec; position: number; signal?: AbortSignal }): Promise<StepOutcome> {
  const { docker, store } = deps;
  const { spec } = input;
  if (!spec.build) return { status: "succeeded", detail: "Nothing to build." };
  const checkout = spec.checkouts.find((c) => c.mountName === spec.build?.repo);
  if (!checkout) return { status: "failed", detail: `No checkout mounts at /src/${spec.build.repo}.` };
  const { id } = await docker.containers.create({
    name: runContainerName(spec.name, input.runId, input.position, "context"),
    image: CHECKOUT_IMAGE,
    cmd: ["tar", "-C", "/context", "--exclude=./.git", "-cf", "-", "."],
    labels: runContainerLabels(await instanceId(deps.db), input.runId, spec.taskId, input.position, "build-context"),
    mounts: [{ type: "volume", source: worktreeVolumeName(spec.taskId, checkout), target: "/context", readOnly: true }],
    networkMode: "none",
  });
  try {
    const output = await docker.containers.attach(id, { signal: input.signal });
    await docker.containers.start(id);
    const context = Readable.from(
      (async function* () {
        for await (const chunk of output) {
          if (chunk.stream === "stdout") yield chunk.data;
          else await store.append(input.runId, "stderr", chunk.data);
        }
      })(),
    );
    await docker.images.build({
      context,
      tag: spec.image,
      dockerfile: spec.build.dockerfile,
      labels: { "slipway.task": spec.taskId, "slipway.image": "task" },
      onOutput: (line) => {
        void store.append(input.runId, "stdout", `${line}\n`);
      },
      signal: input.signal,
    });
    return { status: "succeeded", detail: `Built ${spec.image} from ${spec.build.repo}/${spec.build.dockerfile}.` };
  } catch (error) {
    return { status: "failed", detail: `The image build failed: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    await docker.containers.remove(id, { force: true }).catch(() => undefined);
  }
}
