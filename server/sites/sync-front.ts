import "server-only";
import type { Db } from "@/server/db";
import type { DockerPort } from "@/server/docker/port";
import { assembleFrontConfig, FrontConfigError, type FrontPublishResult } from "@/server/front/assemble-front-config";
import type { SiteConfigInput } from "@/server/front/render-site-config";
import { siteCertificatePaths } from "@/server/front/site-certificates";
import type { Stack } from "./site-input";
import { containerWebRoot } from "./site-paths";
import { siteUpstream } from "./site-containers";
import { frontAddress, type SiteRuntime } from "./site-runtime";

export interface FrontDeps {
  db: Db;
  docker: DockerPort;
  runtime: SiteRuntime;
}

/** Every site (or just `siteId`) as the front server needs it, from the database. */
export async function frontInputs(db: Db, prefix: string, siteId?: string): Promise<SiteConfigInput[]> {
  const sites = await db.site.findMany({
    where: siteId ? { id: siteId } : {},
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      stack: true,
      webRoot: true,
      sessionHandler: true,
      appPort: true,
      customSnippet: true,
      certPem: true,
      domains: { orderBy: { position: "asc" }, select: { domain: true } },
      releases: { where: { status: "active" }, take: 1, select: { number: true } },
    },
  });
  return sites.map((site) => ({
    siteId: site.id,
    name: site.name,
    domains: site.domains.map((d) => d.domain),
    stack: site.stack as Stack,
    webRoot: containerWebRoot(site.name, site.webRoot),
    upstream: siteUpstream(prefix, { ...site, stack: site.stack as Stack }, site.releases[0]?.number ?? null),
    customSnippet: site.customSnippet ?? undefined,
    certificate: site.certPem ? siteCertificatePaths(site.id) : undefined,
  }));
}

/**
 * Publishes the whole front config from the database and records each site's outcome: "ok", or
 * "quarantined" with nginx's message (its last good config keeps serving; the others are unaffected).
 */
export async function syncFront(deps: FrontDeps, options: { force?: boolean } = {}): Promise<FrontPublishResult> {
  const { db, docker, runtime } = deps;
  const inputs = await frontInputs(db, runtime.prefix);
  let result: FrontPublishResult;
  try {
    result = await assembleFrontConfig({ docker, lock: runtime.frontLock, stateDir: runtime.frontStateDir, frontContainer: runtime.frontContainer, live: frontAddress(runtime), force: options.force, timeoutMs: 60_000 }, inputs);
  } catch (error) {
    // Every site failed (nothing is published then): each of them says so.
    if (error instanceof FrontConfigError) await db.site.updateMany({ where: { id: { in: inputs.map((s) => s.siteId) } }, data: { frontStatus: "quarantined", frontError: error.message } });
    throw error;
  }
  const bad = new Map(result.quarantined.map((q) => [q.siteId, q]));
  await db.$transaction([
    db.site.updateMany({ where: { id: { in: result.published } }, data: { frontStatus: "ok", frontError: null } }),
    ...[...bad.values()].map((q) =>
      db.site.updateMany({
        where: { id: q.siteId },
        data: { frontStatus: "quarantined", frontError: `${q.error}${q.servingLastGood ? "\nIts last good config keeps serving." : "\nIt is not served until this is fixed."}` },
      }),
    ),
  ]);
  return result;
}
