import "server-only";
import { taskSpec } from "@/server/tasks/task-spec";
import type { RunControl } from "./execute-run";
import type { RunDeps } from "./run-deps";
import { runSecrets } from "./run-secrets";
import type { StepRunner } from "./step-runner";
import { runBuildStep } from "./steps/build-step";
import { runCheckoutStep } from "./steps/checkout-step";
import { runTaskStep } from "./steps/task-step";
import { worktreeVolumeName } from "./worktree-volume";

/** A task's run: each checkout, the image build if any, then the task's own container. */
export async function taskRunner(deps: RunDeps, run: { id: string; spec: string; taskName: string }, control: RunControl): Promise<StepRunner> {
  const spec = taskSpec.parse(JSON.parse(run.spec));
  const secrets = await runSecrets(deps, spec);
  const runId = run.id;
  return {
    timeoutSeconds: spec.timeoutSeconds,
    async runStep(step, ref, afterStart) {
      if (step.kind === "checkout") {
        const checkout = spec.checkouts[step.position];
        if (!checkout) throw new Error(`step ${step.position} has no checkout in the run's spec`);
        const keyName = checkout.keyId ? ((await deps.db.deployKey.findUnique({ where: { id: checkout.keyId }, select: { name: true } }))?.name ?? null) : null;
        return control.worktrees.with(
          worktreeVolumeName(spec.taskId, checkout),
          () => runCheckoutStep(deps, ref, { runId, taskId: spec.taskId, taskName: run.taskName, position: step.position, checkout, keyName, secrets, signal: control.signal, afterStart }),
          control.signal,
        );
      }
      if (step.kind === "build") return runBuildStep(deps, { runId, spec, position: step.position, signal: control.signal });
      return runTaskStep(deps, ref, { runId, spec, position: step.position, secrets, signal: control.signal, afterStart });
    },
  };
}
