import "server-only";
import { deployRunner } from "@/server/sites/deploy/deploy-runner";
import { readSettings } from "@/server/settings/settings";
import type { KeyedLock } from "./keyed-lock";
import type { RunDeps } from "./run-deps";
import type { RunStatus } from "./run-steps";
import type { StepOutcome } from "./steps/step-outcome";
import { taskRunner } from "./task-runner";

export interface RunControl {
  /** Set when the run is being cancelled or timed out: steps still to come are skipped. */
  requested: () => "cancelled" | "timed_out" | null;
  worktrees: KeyedLock;
  signal: AbortSignal;
}

const text = (s: string) => `${s}\n`;
const dim = (s: string) => `\x1b[2m${s}\x1b[0m`;

/**
 * Runs (or, after a restart, resumes) a run's steps in order (a task's, or a site's deploy). A step
 * already finished is kept; a step whose container was started resumes on that container.
 */
export async function executeRun(deps: RunDeps, runId: string, control: RunControl): Promise<RunStatus> {
  const { db, store } = deps;
  const run = await db.run.findUniqueOrThrow({
    where: { id: runId },
    select: { id: true, kind: true, status: true, spec: true, task: { select: { name: true } }, steps: { orderBy: { position: "asc" } } },
  });
  const runner = run.kind === "deploy" ? await deployRunner(deps, run, control) : await taskRunner(deps, { ...run, taskName: run.task?.name ?? "task" }, control);
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
      outcome = await runner.runStep(step, ref, afterStart);
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
  const reason = requested === "cancelled" ? "Cancelled." : requested === "timed_out" ? `Timed out after ${runner.timeoutSeconds} s.` : failure;
  await store.append(runId, "system", text(dim(`Run ${final.replace("_", " ")}${reason && final !== "failed" ? `: ${reason}` : ""}.`)));
  await store.close(runId);
  await db.run.update({ where: { id: runId }, data: { status: final, reason, finishedAt: new Date() } });
  return final;
}
