import "server-only";
import { lstat, mkdir, readdir, readlink, rename, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * The directory the panel shares with the front container (mounted there at /etc/slipway/front):
 *   sites -> staging-<gen>        symlink nginx includes (sites/*.conf), swapped atomically by rename
 *   staging-<gen>/<siteId>.conf   one tree per publish attempt; the live one holds only validated configs,
 *                                 so it is where a quarantined site's last good config is found
 *   check-<gen>-<n>/              single-site trees used to find a bad site, removed afterwards
 *   trusted-proxies.conf, tls/    base config inputs (tls/ is written by the front's entrypoint)
 */
export const FRONT_CONTAINER_STATE_DIR = "/etc/slipway/front";
export const SITES_LINK = "sites";

/** Makes the state directory ready before the front container first starts: `sites` must exist and be a symlink. */
export async function ensureFrontStateDir(stateDir: string): Promise<void> {
  await mkdir(stateDir, { recursive: true });
  const trusted = path.join(stateDir, "trusted-proxies.conf");
  if (!(await exists(trusted))) await writeFile(trusted, "");
  const link = path.join(stateDir, SITES_LINK);
  const stat = await lstat(link).catch(() => undefined);
  if (stat?.isSymbolicLink()) return;
  await mkdir(path.join(stateDir, "staging-initial"), { recursive: true });
  await swapSitesLink(stateDir, "staging-initial");
}

/** Points `sites` at `target` (a name inside stateDir) in one rename, so nginx never sees a half-switched tree. */
export async function swapSitesLink(stateDir: string, target: string): Promise<void> {
  const link = path.join(stateDir, SITES_LINK);
  const stat = await lstat(link).catch(() => undefined);
  // The entrypoint makes a plain directory when started on an unprepared state dir; a symlink cannot replace it by rename.
  if (stat && !stat.isSymbolicLink()) await rm(link, { recursive: true, force: true });
  const temp = path.join(stateDir, `.sites-${target}`);
  await rm(temp, { force: true });
  await symlink(target, temp);
  await rename(temp, link);
}

/** The tree `sites` points at now (null before the first publish). */
export async function liveGeneration(stateDir: string): Promise<string | null> {
  return readlink(path.join(stateDir, SITES_LINK)).catch(() => null);
}

/**
 * Moves staging trees other than `keep` out of the way (one rename each); `purgeTrash` deletes them later,
 * when nothing waits: a tree of 1,000 files takes a while to delete and would slow nginx -t down.
 */
export async function removeOldStaging(stateDir: string, keep: string | null): Promise<void> {
  for (const entry of await readdir(stateDir)) {
    if ((entry.startsWith("staging-") || entry.startsWith("check-")) && entry !== keep) await rename(path.join(stateDir, entry), path.join(stateDir, `.trash-${entry}`));
  }
}

/** Deletes what removeOldStaging moved away. */
export async function purgeTrash(stateDir: string): Promise<void> {
  for (const entry of await readdir(stateDir)) {
    if (entry.startsWith(".trash-")) await rm(path.join(stateDir, entry), { recursive: true, force: true });
  }
}

async function exists(file: string): Promise<boolean> {
  return (await lstat(file).catch(() => undefined)) !== undefined;
}
