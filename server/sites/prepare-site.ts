import "server-only";
import type { Db } from "@/server/db";
import type { DockerPort } from "@/server/docker/port";
import { ensureSiteDir } from "./deploy/release-files";
import { writeSitePhpConfig } from "./php-config";
import { sessionIniFor } from "./session-stores";
import type { SiteShape } from "./site-containers";
import { siteEnv } from "./site-env";
import type { Stack } from "./site-input";
import { hostSiteConfigDir, hostSiteDir } from "./site-paths";
import type { SiteRuntime } from "./site-runtime";

export const PHP_STACKS: Stack[] = ["nginx-php-fpm", "apache", "php-server"];

/**
 * What a site's containers need before they start: its folders, its PHP config (ini, pool, environment
 * with the secrets) and its session store. Used by activation and when the supervisor brings sites back.
 * `phpConfigChanged`: php-fpm must reload to see it.
 */
export async function prepareSite(deps: { db: Db; docker: DockerPort; masterKey: Buffer; runtime: SiteRuntime }, siteId: string) {
  const { db, docker, runtime } = deps;
  const row = await db.site.findUniqueOrThrow({ where: { id: siteId }, select: { id: true, name: true, stack: true, webRoot: true, sessionHandler: true, appPort: true, phpIni: true, fpmPool: true } });
  const site: SiteShape = { ...row, stack: row.stack as Stack };
  await ensureSiteDir(hostSiteDir(runtime.sitesDir, site.name));
  const env = await siteEnv(db, deps.masterKey, site.id);
  let phpConfigChanged = false;
  if (PHP_STACKS.includes(site.stack)) {
    const written = await writeSitePhpConfig(hostSiteConfigDir(runtime.configDir, site.name), {
      ini: JSON.parse(row.phpIni) as Record<string, string>,
      fpmPool: JSON.parse(row.fpmPool) as Record<string, string>,
      sessionIni: await sessionIniFor(docker, runtime, site.sessionHandler),
      env: env.all,
    });
    phpConfigChanged = written.changed;
  }
  return { site, env, phpConfigChanged };
}
