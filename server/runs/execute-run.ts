import "server-only";
import { taskSpec } from "@/server/tasks/task-spec";
import type { KeyedLock } from "./keyed-lock";
import type { RunDeps } from "./run-deps";
import { runBuildStep } from "./steps/build-step";
import { runCheckoutStep } from "./steps/checkout-step";
import type { StepOutcome } from "./steps/step-outcome";
import { runTaskStep } from "./steps/task-step";
import { worktreeVolumeName } from "./worktree-volume";
import type { RunStatus } from "./run-steps";
import { runSecrets } from "./run-secrets";
import { readSettings } from "@/server/settings/settings";

export interface RunControl {
  /** Set when the run is being cancelled or timed out: steps still to come are skipped. */
  requested: () => "cancelled" | "timed_out" | null;
  worktrees: KeyedLock;
  signal: AbortSignal;
}

const text = (s: string) => `${s}\n`;
const dim = (s: string) => `\x1b[2m${s}\x1b[0m`;

/**
 * Runs (or, after a restart, resumes) a run's steps in order: each checkout, then the task. A step
 * already finished is kept; a step whose container was started resumes on that container.
 */
export async function executeRun(deps: RunDeps, runId: string, control: RunControl): Promise<RunStatus> {
  const { db, store } = deps;
  const run = await db.run.findUniqueOrThrow({
    where: { id: runId },
    select: { id: true, status: true, spec: true, taskId: true, task: { select: { name: true } }, steps: { orderBy: { position: "asc" } } },
  });
  const spec = taskSpec.parse(JSON.parse(run.spec));
  const secrets = await runSecrets(deps, spec);
  await store.open(runId);
  if (run.status === "queued") await db.run.update({ where: { id: runId }, data: { status: "running", startedAt: new Date() } });

  // A cancel that came while a container was being created stops it as soon as it has started.
  const afterStart = async (containerId: string) => {
    if (control.requested()) await deps.docker.containers.stop(containerId, (await readSettings(db)).cancelGraceSeconds);
  };
  let failure: string | null = null;
  for (const step of run.steps) {
    if (step.status === "succeeded" || step.status === "skipped") continue;
    if (failure || control.requested()) {
      await db.runStep.update({ where: { id: step.id }, data: { status: control.requested() && !failure ? "cancelled" : "skipped" } });
      continue;
    }
    if (step.status !== "running") {
      await db.runStep.update({ where: { id: step.id }, data: { status: "running", startedAt: new Date() } });
      await store.append(runId, "system", text(`::group::${step.name}`));
    }
    const started = Date.now();
    const ref = { id: step.id, runId, containerId: step.containerId, logOffset: step.logOffset };
    let outcome: StepOutcome;
    try {
      if (step.kind === "checkout") {
        const checkout = spec.checkouts[step.position];
        if (!checkout) throw new Error(`step ${step.position} has no checkout in the run's spec`);
        const keyName = checkout.keyId ? ((await db.deployKey.findUnique({ where: { id: checkout.keyId }, select: { name: true } }))?.name ?? null) : null;
        outcome = await control.worktrees.with(
          worktreeVolumeName(spec.taskId, checkout),
          () => runCheckoutStep(deps, ref, { runId, taskId: spec.taskId, taskName: run.task.name, position: step.position, checkout, keyName, secrets, signal: control.signal, afterStart }),
          control.signal,
        );
      } else if (step.kind === "build") {
        outcome = await runBuildStep(deps, { runId, spec, position: step.position, signal: control.signal });
      } else {
        outcome = await runTaskStep(deps, ref, { runId, spec, position: step.position, secrets, signal: control.signal, afterStart });
      }
    } catch (error) {
      // The panel is stopping: leave the run as it is; the next start resumes it.
      if (control.signal.aborted) throw error;
      outcome = { status: "failed", detail: error instanceof Error ? error.message : String(error) };
    }
    if (control.signal.aborted) throw new Error("the run engine stopped");
    const stopped = control.requested();
    const status = stopped && outcome.status === "failed" ? (stopped === "timed_out" ? "timed_out" : "cancelled") : outcome.status;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    await store.append(runId, "system", text("::endgroup::") + text(dim(`${status === "succeeded" ? "✓" : "✗"} ${step.name}: ${outcome.detail} (${seconds} s)`)));
    await db.runStep.update({
      where: { id: step.id },
      data: { status, detail: outcome.detail, exitCode: outcome.exitCode ?? null, finishedAt: new Date() },
    });
    if (status !== "succeeded") failure = outcome.detail;
  }

  const requested = control.requested();
  const final: RunStatus = requested ?? (failure ? "failed" : "succeeded");
  const reason = requested === "cancelled" ? "Cancelled." : requested === "timed_out" ? `Timed out after ${spec.timeoutSeconds} s.` : failure;
  await store.append(runId, "system", text(dim(`Run ${final.replace("_", " ")}${reason && final !== "failed" ? `: ${reason}` : ""}.`)));
  await store.close(runId);
  await db.run.update({ where: { id: runId }, data: { status: final, reason, finishedAt: new Date() } });
  return final;
}
