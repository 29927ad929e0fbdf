import "server-only";
import { CHECKOUT_IMAGE } from "@/server/images/slipway-images";
import { runContainerLabels, runContainerName } from "@/server/runs/run-labels";
import { runStepContainer } from "@/server/runs/step-container";
import type { StepOutcome } from "@/server/runs/steps/step-outcome";
import { instanceId } from "@/server/settings/instance-id";
import { containerSiteDir, hostSiteDir, siteOwnerId } from "../site-paths";
import { siteOwnerName, siteWorktree, type DeployStep } from "./deploy-context";
import { ensureSiteDir } from "./release-files";

/** The release this deploy publishes: allocated once (a resumed run finds its own again). */
export async function releaseOf(s: DeployStep): Promise<{ id: string; number: number }> {
  const { db } = s.deps;
  const mine = await db.siteRelease.findFirst({ where: { siteId: s.spec.siteId, runId: s.runId }, select: { id: true, number: true } });
  if (mine) return mine;
  return db.$transaction(async (tx) => {
    const last = await tx.siteRelease.findFirst({ where: { siteId: s.spec.siteId }, orderBy: { number: "desc" }, select: { number: true } });
    return tx.siteRelease.create({ data: { siteId: s.spec.siteId, runId: s.runId, number: (last?.number ?? 0) + 1, status: "publishing" }, select: { id: true, number: true } });
  });
}

/**
 * Copies the worktree into releases/<n> of the site's directory (under a temporary name, renamed when
 * complete) and links the shared paths, in a container with no network. `current` is not touched.
 */
export async function runPublishStep(s: DeployStep): Promise<StepOutcome> {
  const { deps, spec, runId } = s;
  const release = await releaseOf(s);
  const siteDir = hostSiteDir(deps.sites.sitesDir, spec.name);
  await ensureSiteDir(siteDir);
  const sha = (await deps.db.worktree.findUnique({ where: { volume: siteWorktree(spec) }, select: { sha: true } }))?.sha ?? null;
  const result = await runStepContainer(
    deps,
    s.ref,
    {
      name: runContainerName(siteOwnerName(spec), runId, s.position, "publish"),
      image: CHECKOUT_IMAGE,
      cmd: ["slipway-publish"],
      env: { SLIPWAY_SRC: "/src/app", SLIPWAY_SITE: containerSiteDir(spec.name), SLIPWAY_RELEASE: String(release.number), SLIPWAY_SHARED: spec.sharedPaths.join("\n"), SLIPWAY_UID: String(siteOwnerId(spec.siteId)) },
      labels: runContainerLabels(await instanceId(deps.db), runId, spec.siteId, s.position, "publish"),
      mounts: [
        { type: "volume", source: siteWorktree(spec), target: "/src/app", readOnly: true },
        { type: "bind", source: siteDir, target: containerSiteDir(spec.name) },
      ],
      networkMode: "none",
    },
    { secrets: s.secrets, signal: s.signal, afterStart: s.afterStart },
  );
  if (result.vanished || result.exitCode !== 0) {
    await deps.db.siteRelease.update({ where: { id: release.id }, data: { status: "failed", reason: "Publishing failed." } });
    return { status: "failed", detail: result.vanished ?? `Publishing release #${release.number} failed (exit code ${result.exitCode}); the live release is untouched.`, exitCode: result.exitCode };
  }
  await deps.db.siteRelease.update({ where: { id: release.id }, data: { status: "published", sha } });
  return { status: "succeeded", detail: `Release #${release.number}${sha ? ` (${sha.slice(0, 12)})` : ""} published.`, exitCode: 0 };
}
