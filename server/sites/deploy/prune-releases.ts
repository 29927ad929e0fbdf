import "server-only";
import { DockerError } from "@/server/docker/port";
import { appImageTag } from "../site-containers";
import { hostSiteDir, sidecarName } from "../site-paths";
import type { DeployStep } from "./deploy-context";
import { releasesToPrune } from "./release-records";
import { removeReleaseDir } from "./release-files";

/** Removes releases beyond the newest `keep` (their folders; for the dockerfile stack their containers and images too). */
export async function pruneReleases(deps: DeployStep["deps"], spec: DeployStep["spec"], keep: number): Promise<number> {
  const { db, docker, sites: runtime } = deps;
  const siteDir = hostSiteDir(runtime.sitesDir, spec.name);
  const old = await releasesToPrune(db, spec.siteId, keep);
  for (const release of old) {
    if (spec.stack === "dockerfile") {
      await docker.containers.remove(sidecarName(runtime.prefix, spec.name, "app", release.number), { force: true }).catch(ignoreMissing);
      if (release.runId) await docker.images.remove(appImageTag(spec.name, release.runId), { force: true }).catch(ignoreMissing);
    }
    await removeReleaseDir(siteDir, release.number);
    await db.siteRelease.update({ where: { id: release.id }, data: { status: "removed" } });
  }
  if (spec.stack === "dockerfile") {
    // Only the live release's container keeps running; kept ones are recreated from their image on rollback.
    const live = await db.siteRelease.findFirst({ where: { siteId: spec.siteId, status: "active" }, select: { number: true } });
    const others = await db.siteRelease.findMany({ where: { siteId: spec.siteId, status: { in: ["previous", "bad"] } }, select: { number: true } });
    for (const r of others) if (r.number !== live?.number) await docker.containers.remove(sidecarName(runtime.prefix, spec.name, "app", r.number), { force: true }).catch(ignoreMissing);
  }
  return old.length;
}

function ignoreMissing(error: unknown): void {
  if (!(error instanceof DockerError && error.kind === "not_found")) throw error;
}
