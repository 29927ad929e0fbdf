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
