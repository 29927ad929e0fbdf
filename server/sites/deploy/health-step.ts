import "server-only";
import { readSettings } from "@/server/settings/settings";
import type { StepOutcome } from "@/server/runs/steps/step-outcome";
import { hostSiteDir } from "../site-paths";
import { frontAddress } from "../site-runtime";
import { syncFront } from "../sync-front";
import type { DeployStep } from "./deploy-context";
import { probeUntil } from "./probe-site";
import { pruneReleases } from "./prune-releases";
import { markActive, releaseBefore } from "./release-records";
import { currentRelease, switchCurrent } from "./release-files";

/** How long a new release has to answer (its sidecar may be starting). */
export const HEALTH_DEADLINE_MS = 20_000;

/**
 * GETs the health path through the front server with the site's primary domain. On failure Slipway
 * switches back to the release that was live before by itself and marks the new one bad.
 */
export async function runHealthStep(s: DeployStep): Promise<StepOutcome> {
  const { deps, spec } = s;
  const { db, docker, sites: runtime } = deps;
  const siteDir = hostSiteDir(runtime.sitesDir, spec.name);
  const live = await currentRelease(siteDir);
  if (live === null) return { status: "failed", detail: "No release is live: the activation did not happen." };
  const domain = spec.domains[0] ?? "";
  const probe = await probeUntil(frontAddress(runtime), domain, spec.healthPath, HEALTH_DEADLINE_MS, s.signal);
  if (probe.ok) {
    if (spec.rollbackTo !== null) {
      const left = await db.siteRelease.findFirst({ where: { siteId: spec.siteId, status: "previous" }, orderBy: { activatedAt: "desc" }, select: { number: true } });
      if (left) await db.siteRelease.update({ where: { siteId_number: { siteId: spec.siteId, number: left.number } }, data: { status: "bad", reason: `Rolled back from, to release #${live}.` } });
    }
    const pruned = await pruneReleases(deps, spec, (await readSettings(db)).keepReleases);
    return { status: "succeeded", detail: `GET ${domain}${spec.healthPath} answered ${probe.summary.slice(0, 80)} (attempt ${probe.attempts}).${pruned ? ` Removed ${pruned} old release(s).` : ""}` };
  }

  const reason = `GET ${domain}${spec.healthPath} through the front server: ${probe.summary} (${probe.attempts} attempts)`;
  const back = await releaseBefore(db, spec.siteId, live);
  if (back === null) {
    await db.siteRelease.update({ where: { siteId_number: { siteId: spec.siteId, number: live } }, data: { reason: `Health check failed: ${reason}` } });
    return { status: "failed", detail: `Health check failed: ${reason}. There is no earlier release to switch back to, so release #${live} stays live: fix the app (or the health-check path) and deploy again.` };
  }
  await switchCurrent(siteDir, back);
  await markActive(db, spec.siteId, back);
  await db.siteRelease.update({ where: { siteId_number: { siteId: spec.siteId, number: live } }, data: { status: "bad", reason: `Health check failed: ${reason}` } });
  // The dockerfile stack routes by release: the front must point at the old container again.
  if (spec.stack === "dockerfile") await syncFront({ db, docker, runtime }).catch(() => undefined);
  return { status: "failed", detail: `Health check failed: ${reason}. Switched back to release #${back}, which is serving again; release #${live} is marked bad.` };
}
