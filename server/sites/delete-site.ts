import "server-only";
import { rm } from "node:fs/promises";
import type { Db } from "@/server/db";
import type { DockerPort } from "@/server/docker/port";
import { AppError } from "@/server/errors";
import { removeSiteCertificate } from "@/server/front/site-certificates";
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
  for (const c of await docker.containers.list({ labels: { [SITE_LABEL]: siteId } })) await docker.containers.remove(c.id, { force: true }).catch(() => undefined);
  await removeSiteCertificate(runtime.frontStateDir, siteId);
  await rm(hostSiteDir(runtime.sitesDir, site.name), { recursive: true, force: true });
  await rm(hostSiteConfigDir(runtime.configDir, site.name), { recursive: true, force: true });
  return site;
}
