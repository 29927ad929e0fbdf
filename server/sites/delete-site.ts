import "server-only";
import { rm } from "node:fs/promises";
import type { Db } from "@/server/db";
import type { DockerPort } from "@/server/docker/port";
import { AppError } from "@/server/errors";
import { removeSiteCertificate } from "@/server/front/site-certificates";
import { TASK_LABEL } from "@/server/runs/run-labels";
import { SITE_LABEL } from "./site-containers";
import { hostSiteConfigDir, hostSiteDir } from "./site-paths";
import type { SiteRuntime } from "./site-runtime";
import { syncFront } from "./sync-front";

/**
 * Deletes a site: its front config first (it stops being served), then its containers, files and history.
 * Refused while a deploy of it is queued or running.
 */
export async function deleteSite(db: Db, docker: DockerPort, runtime: SiteRuntime, siteId: string) {
  const site = await db.site.findUnique({ where: { id: siteId }, select: { id: true, name: true } });
  if (!site) throw new AppError("NOT_FOUND", "No such site.");
  const active = await db.run.count({ where: { siteId, status: { in: ["queued", "running"] } } });
  if (active > 0) throw new AppError("CONFLICT", `Site "${site.name}" has a deploy queued or running: cancel it first.`);
  await db.site.delete({ where: { id: siteId } });
  await syncFront({ db, docker, runtime }).catch(() => undefined);
  // Its long-lived containers, its deploys' stopped containers, then its worktree volume(s).
  const containers = [...(await docker.containers.list({ labels: { [SITE_LABEL]: siteId } })), ...(await docker.containers.list({ labels: { [TASK_LABEL]: siteId } }))];
  for (const c of containers) await docker.containers.remove(c.id, { force: true }).catch(() => undefined);
  for (const v of await docker.volumes.list({ "slipway.kind": "worktree", "slipway.owner": siteId })) {
    await docker.volumes.remove(v.name).catch(() => undefined);
    await db.worktree.deleteMany({ where: { volume: v.name } });
  }
  await removeSiteCertificate(runtime.frontStateDir, siteId);
  await rm(hostSiteDir(runtime.sitesDir, site.name), { recursive: true, force: true });
  await rm(hostSiteConfigDir(runtime.configDir, site.name), { recursive: true, force: true });
  return site;
}
