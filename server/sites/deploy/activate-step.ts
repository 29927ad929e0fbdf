import "server-only";
import { access } from "node:fs/promises";
import path from "node:path";
import type { StepOutcome } from "@/server/runs/steps/step-outcome";
import { PHP_STACKS, prepareSite } from "../prepare-site";
import { restartApacheGracefully } from "../restart-apache";
import { appImageTag, ensureSiteContainers } from "../site-containers";
import { hostSiteDir, sidecarName } from "../site-paths";
import { syncFront } from "../sync-front";
import type { DeployStep } from "./deploy-context";
import { releaseOf } from "./publish-step";
import { markActive } from "./release-records";
import { currentRelease, switchCurrent } from "./release-files";

/**
 * Makes the site's containers and front config ready, then switches `current` to the release in one
 * rename. nginx resolves `$realpath_root` per request, so PHP-FPM needs no reload for a switch; the built-in
 * server (which resolves its root once) is restarted. If the front server refuses the site's config, the
 * switch is undone and the step fails with nginx's message.
 */
export async function runActivateStep(s: DeployStep): Promise<StepOutcome> {
  const { deps, spec } = s;
  const { db, docker, sites: runtime } = deps;
  const target = spec.rollbackTo ?? (await releaseOf(s)).number;
  const release = await db.siteRelease.findUniqueOrThrow({ where: { siteId_number: { siteId: spec.siteId, number: target } }, select: { runId: true } });
  const { site, env, phpConfigChanged: configChanged } = await prepareSite({ db, docker, masterKey: deps.masterKey, runtime }, spec.siteId);
  const siteDir = hostSiteDir(runtime.sitesDir, site.name);
  const app = site.stack === "dockerfile" && release.runId ? { release: target, image: appImageTag(site.name, release.runId), env: env.public } : undefined;
  const containers = await ensureSiteContainers(docker, runtime, site, app);

  const previous = await currentRelease(siteDir);
  await switchCurrent(siteDir, target);
  await markActive(db, site.id, target);
  const undo = async () => {
    if (previous !== null) {
      await switchCurrent(siteDir, previous);
      await markActive(db, site.id, previous);
    }
  };
  try {
    await syncFront({ db, docker, runtime });
  } catch (error) {
    await undo();
    return { status: "failed", detail: `The front server could not take the new config: ${error instanceof Error ? error.message : String(error)}` };
  }
  const front = await db.site.findUniqueOrThrow({ where: { id: site.id }, select: { frontStatus: true, frontError: true } });
  if (front.frontStatus === "quarantined") {
    await undo();
    if (previous !== null) await syncFront({ db, docker, runtime }).catch(() => undefined);
    return { status: "failed", detail: `nginx refused this site's config, so release #${target} was not switched in: ${front.frontError ?? ""} Fix the custom nginx snippet (Site settings) and deploy again.` };
  }

  runtime.onActivated?.(site);
  const notes: string[] = [];
  const kept = (name: string) => containers.find((c) => c.name === name)?.action === "kept";
  if (site.stack === "php-server" && kept(sidecarName(runtime.prefix, site.name, "php"))) {
    // php -S installs no SIGTERM handler (as PID 1 it would ignore it): waiting for a grace period buys nothing.
    await docker.containers.restart(sidecarName(runtime.prefix, site.name, "php"), 0);
    notes.push("the built-in server restarted on the new release");
  }
  if (PHP_STACKS.includes(site.stack) && site.stack !== "php-server" && kept(sidecarName(runtime.prefix, site.name, "fpm"))) {
    // Apache passes paths through `current` (no $realpath_root there): PHP's realpath cache must be dropped.
    if (site.stack === "apache" || configChanged || (await hasAppPhpLayers(siteDir, target)) || (previous !== null && (await hasAppPhpLayers(siteDir, previous)))) {
      await docker.containers.kill(sidecarName(runtime.prefix, site.name, "fpm"), "SIGUSR2");
      notes.push("php-fpm reloaded gracefully (PHP settings, the app's .php.ini.d/.php.fpm.d, or Apache's paths through current)");
    }
  }
  if (site.stack === "apache" && kept(sidecarName(runtime.prefix, site.name, "apache"))) {
    await restartApacheGracefully(docker, sidecarName(runtime.prefix, site.name, "apache"));
    notes.push("Apache restarted gracefully");
  }
  const changed = containers.filter((c) => c.action !== "kept").map((c) => `${c.name} ${c.action}`);
  if (changed.length) notes.push(changed.join(", "));
  return { status: "succeeded", detail: `Release #${target} is live${previous !== null ? ` (was #${previous})` : ""}${notes.length ? `; ${notes.join("; ")}` : ""}.` };
}

async function hasAppPhpLayers(siteDir: string, release: number): Promise<boolean> {
  for (const dir of [".php.ini.d", ".php.fpm.d"]) {
    if (await access(path.join(siteDir, "releases", String(release), dir)).then(() => true, () => false)) return true;
  }
  return false;
}
