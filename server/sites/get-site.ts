import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/server/db";
import type { DockerPort } from "@/server/docker/port";
import { liveGeneration } from "@/server/front/front-state-dir";
import { renderSiteConfig, SiteConfigError } from "@/server/front/render-site-config";
import { SITE_LABEL } from "./site-containers";
import { loadSite, presentSite } from "./site-record";
import type { SiteRuntime } from "./site-runtime";
import { frontInputs } from "./sync-front";

/** A site with its releases, its containers' state and its front config (as rendered now, and as last published). */
export async function getSite(db: Db, docker: DockerPort, runtime: SiteRuntime, siteId: string) {
  const site = presentSite(await loadSite(db, siteId));
  const releases = await db.siteRelease.findMany({
    where: { siteId, status: { not: "removed" } },
    orderBy: { number: "desc" },
    select: { number: true, runId: true, sha: true, status: true, reason: true, createdAt: true, activatedAt: true },
  });
  const containers = await docker.containers.list({ labels: { [SITE_LABEL]: siteId } }).catch(() => null);
  const input = (await frontInputs(db, runtime.prefix, siteId))[0];
  let rendered: string | null = null;
  let renderError: string | null = null;
  try {
    rendered = input ? renderSiteConfig(input) : null;
  } catch (error) {
    if (!(error instanceof SiteConfigError)) throw error;
    renderError = error.message;
  }
  const live = await liveGeneration(runtime.frontStateDir);
  const published = live ? await readFile(path.join(runtime.frontStateDir, live, `${siteId}.conf`), "utf8").catch(() => null) : null;
  return {
    ...site,
    releases: releases.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), activatedAt: r.activatedAt?.toISOString() ?? null })),
    containers: containers?.map((c) => ({ id: c.id, name: c.name, state: c.state, status: c.status, role: c.labels["slipway.role"] ?? "" })) ?? null,
    frontConfig: { rendered, renderError, published, upToDate: rendered !== null && rendered === published },
    frontUrl: { httpPort: runtime.frontHttpPort, httpsPort: runtime.frontHttpsPort },
  };
}
