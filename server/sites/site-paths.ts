import { createHash } from "node:crypto";
import path from "node:path";

/** Where every site's directory is inside the front server and the sidecars (the same absolute path in each). */
export const CONTAINER_SITES_DIR = "/srv/slipway/sites";

/** A site's directory as containers see it: releases/<n>/, shared/, current -> releases/<n>. */
export function containerSiteDir(name: string): string {
  return `${CONTAINER_SITES_DIR}/${name}`;
}

/** The same directory on the host (the panel's view; bind-mounted into the containers). */
export function hostSiteDir(sitesDir: string, name: string): string {
  return path.join(sitesDir, name);
}

/** Slipway's own per-site config (PHP ini, pool, env): outside the sites directory, so the front server never sees it; mounted read-only into the site's sidecars. */
export function hostSiteConfigDir(configDir: string, name: string): string {
  return path.join(configDir, name);
}

/** The document root through `current`: `current` is switched by rename, nginx resolves it per request. */
export function containerWebRoot(name: string, webRoot: string): string {
  return [containerSiteDir(name), "current", webRoot.replace(/\/+$/, "")].filter(Boolean).join("/");
}

export type SidecarRole = "fpm" | "apache" | "php" | "app";

/** A site's long-lived container names: readable and stable, e.g. slipway-site-shop-fpm (prefix "slipway"). */
export function sidecarName(prefix: string, name: string, role: SidecarRole, release?: number): string {
  return `${prefix}-site-${name}-${role}${release === undefined ? "" : `-r${release}`}`;
}

/**
 * The owner id of a site's release files (a number above the usual system and user ranges, stable per
 * site): the front server follows a symlink only to files of the same owner, so sites cannot reach each
 * other's files through links. Two sites share an id with a chance of about 1 in 900,000 per pair.
 */
export function siteOwnerId(siteId: string): number {
  return 100_000 + (createHash("sha256").update(siteId).digest().readUInt32BE(0) % 900_000);
}
