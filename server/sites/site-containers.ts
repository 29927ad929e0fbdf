import "server-only";
import { slipwayLabels, type ContainerSpec, type DockerPort, type Mount } from "@/server/docker/port";
import { APACHE_IMAGE, PHP_CLI_IMAGE, PHP_FPM_IMAGE } from "@/server/images/slipway-images";
import { ensureContainer, type EnsureAction } from "./ensure-container";
import { CONTAINER_PHP_CONFIG_DIR } from "./php-config";
import type { Stack } from "./site-input";
import { containerSiteDir, containerWebRoot, hostSiteConfigDir, hostSiteDir, sidecarName } from "./site-paths";
import type { SiteRuntime } from "./site-runtime";

export const SITE_LABEL = "slipway.site";

export interface SiteShape {
  id: string;
  name: string;
  stack: Stack;
  webRoot: string;
  sessionHandler: string;
  appPort: number | null;
}

type Sidecar = ContainerSpec & { name: string; networks: string[] };

/** The image a dockerfile site's release runs. */
export function appImageTag(siteName: string, runId: string): string {
  return `slipway-site/${siteName}:${runId.slice(-12).toLowerCase()}`;
}

/**
 * The site's files: the site directory read-only (releases never change once published) with its shared/
 * folder writable on top, at the same absolute path as in the front server, plus Slipway's PHP config.
 */
function siteMounts(runtime: SiteRuntime, name: string, php: boolean): Mount[] {
  const dir = hostSiteDir(runtime.sitesDir, name);
  const mounts: Mount[] = [
    { type: "bind", source: dir, target: containerSiteDir(name), readOnly: true },
    { type: "bind", source: `${dir}/shared`, target: `${containerSiteDir(name)}/shared` },
  ];
  if (php) mounts.push({ type: "bind", source: `${hostSiteConfigDir(runtime.configDir, name)}/php`, target: CONTAINER_PHP_CONFIG_DIR, readOnly: true });
  return mounts;
}

/** The long-lived containers a site needs besides the front server (none for a static site). */
export function siteSidecars(runtime: SiteRuntime, site: SiteShape, app?: { release: number; image: string; env: Record<string, string> }): Sidecar[] {
  const labels = (role: string) => slipwayLabels({ ...runtime.labels, "slipway.kind": "site", [SITE_LABEL]: site.id, "slipway.site-name": site.name, "slipway.role": role });
  const sessions = site.sessionHandler === "files" ? [] : [runtime.sessionNetwork];
  const common = { networkMode: runtime.network, restartPolicy: "unless-stopped" as const };
  const appRoot = `${containerSiteDir(site.name)}/current`;
  const fpm: Sidecar = {
    ...common,
    name: sidecarName(runtime.prefix, site.name, "fpm"),
    image: PHP_FPM_IMAGE,
    env: { APP_ROOT: appRoot },
    labels: labels("fpm"),
    mounts: siteMounts(runtime, site.name, true),
    networks: sessions,
  };
  switch (site.stack) {
    case "static":
      return [];
    case "nginx-php-fpm":
      return [fpm];
    case "apache":
      return [
        fpm,
        {
          ...common,
          name: sidecarName(runtime.prefix, site.name, "apache"),
          image: APACHE_IMAGE,
          // Only the front server reaches Apache (on Slipway's private network): it may set X-Forwarded-For.
          env: { WEB_ROOT: containerWebRoot(site.name, site.webRoot), PHP_FPM_ADDRESS: `${fpm.name}:9000`, TRUSTED_PROXIES: "10.0.0.0/8 172.16.0.0/12 192.168.0.0/16" },
          labels: labels("apache"),
          mounts: siteMounts(runtime, site.name, false),
          networks: [],
        },
      ];
    case "php-server":
      return [
        {
          ...common,
          name: sidecarName(runtime.prefix, site.name, "php"),
          image: PHP_CLI_IMAGE,
          cmd: ["slipway-php-server"],
          env: { PORT: "8080", WEB_ROOT: containerWebRoot(site.name, site.webRoot), APP_ROOT: appRoot },
          labels: labels("php"),
          mounts: siteMounts(runtime, site.name, true),
          networks: sessions,
        },
      ];
    case "dockerfile":
      if (!app) return [];
      return [
        {
          ...common,
          name: sidecarName(runtime.prefix, site.name, "app", app.release),
          image: app.image,
          env: app.env,
          labels: { ...labels("app"), "slipway.release": String(app.release) },
          mounts: [{ type: "bind", source: `${hostSiteDir(runtime.sitesDir, site.name)}/shared`, target: "/srv/shared" }],
          networks: [],
        },
      ];
  }
}

/** Where the front server sends the site's requests (none for static). */
export function siteUpstream(prefix: string, site: SiteShape, activeRelease: number | null): { host: string; port: number } | undefined {
  switch (site.stack) {
    case "static":
      return undefined;
    case "nginx-php-fpm":
      return { host: sidecarName(prefix, site.name, "fpm"), port: 9000 };
    case "apache":
      return { host: sidecarName(prefix, site.name, "apache"), port: 8080 };
    case "php-server":
      return { host: sidecarName(prefix, site.name, "php"), port: 8080 };
    case "dockerfile":
      return { host: sidecarName(prefix, site.name, "app", activeRelease ?? 0), port: site.appPort ?? 80 };
  }
}

/** Creates, recreates or starts what the site needs; returns what happened to each container. */
export async function ensureSiteContainers(docker: DockerPort, runtime: SiteRuntime, site: SiteShape, app?: { release: number; image: string; env: Record<string, string> }) {
  const sidecars = siteSidecars(runtime, site, app);
  if (sidecars.some((s) => s.networks.includes(runtime.sessionNetwork))) await docker.networks.ensure(runtime.sessionNetwork, { labels: slipwayLabels(runtime.labels), internal: true });
  await docker.networks.ensure(runtime.network, { labels: slipwayLabels(runtime.labels) });
  const results: { name: string; action: EnsureAction }[] = [];
  for (const { networks, ...spec } of sidecars) results.push({ name: spec.name, action: (await ensureContainer(docker, spec, networks)).action });
  return results;
}
