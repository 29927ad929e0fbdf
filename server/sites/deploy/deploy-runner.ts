import "server-only";
import type { RunControl } from "@/server/runs/execute-run";
import type { RunDeps } from "@/server/runs/run-deps";
import { runSecrets } from "@/server/runs/run-secrets";
import type { StepRunner } from "@/server/runs/step-runner";
import { runCheckoutStep } from "@/server/runs/steps/checkout-step";
import { siteEnv } from "../site-env";
import { runActivateStep } from "./activate-step";
import { siteOwnerName, siteWorktree, type DeployStep } from "./deploy-context";
import { deploySpec } from "./deploy-spec";
import { runHealthStep } from "./health-step";
import { runPublishStep } from "./publish-step";
import { runSiteBuildStep } from "./site-build-step";

/** A site's deploy: checkout → build → publish → activate → health (a rollback: activate → health). */
export async function deployRunner(deps: RunDeps, run: { id: string; spec: string }, control: RunControl): Promise<StepRunner> {
  const spec = deploySpec.parse(JSON.parse(run.spec));
  const sites = deps.sites;
  if (!sites) throw new Error("this panel has no sites runtime configured");
  const env = await siteEnv(deps.db, deps.masterKey, spec.siteId);
  const secrets = [...(await runSecrets(deps, { checkouts: [spec.checkout] })), ...env.secrets];
  return {
    timeoutSeconds: spec.timeoutSeconds,
    async runStep(step, ref, afterStart) {
      const s: DeployStep = { deps: { ...deps, sites }, runId: run.id, spec, ref, position: step.position, secrets, signal: control.signal, afterStart };
      switch (step.kind) {
        case "checkout": {
          const keyName = spec.checkout.keyId ? ((await deps.db.deployKey.findUnique({ where: { id: spec.checkout.keyId }, select: { name: true } }))?.name ?? null) : null;
          return control.worktrees.with(
            siteWorktree(spec),
            () => runCheckoutStep(deps, ref, { runId: run.id, taskId: spec.siteId, taskName: siteOwnerName(spec), position: step.position, checkout: spec.checkout, keyName, secrets, signal: control.signal, afterStart }),
            control.signal,
          );
        }
        case "build":
          return control.worktrees.with(siteWorktree(spec), () => runSiteBuildStep(s, env.public), control.signal);
        case "publish":
          return control.worktrees.with(siteWorktree(spec), () => runPublishStep(s), control.signal);
        case "activate":
          return runActivateStep(s);
        case "health":
          return runHealthStep(s);
        default:
          throw new Error(`a deploy has no ${step.kind} step`);
      }
    },
  };
}
