import "server-only";
import { mkdir, readlink, rename, rm, symlink } from "node:fs/promises";
import path from "node:path";

/** Makes the site's directory and its shared/ folder (the sidecars mount them; the folders must exist first). */
export async function ensureSiteDir(siteDir: string): Promise<void> {
  await mkdir(path.join(siteDir, "releases"), { recursive: true });
  await mkdir(path.join(siteDir, "shared"), { recursive: true });
}

/** The release `current` points at, or null before the first activation. */
export async function currentRelease(siteDir: string): Promise<number | null> {
  const target = await readlink(path.join(siteDir, "current")).catch(() => null);
  const match = target ? /^releases\/(\d+)$/.exec(target) : null;
  return match ? Number(match[1]) : null;
}

/**
 * Points `current` at releases/<n> in one rename(2) of a fresh symlink over the old one: every request
 * sees either the old release or the new one, never a missing link (`ln -sf` unlinks first).
 */
export async function switchCurrent(siteDir: string, release: number): Promise<void> {
  const temp = path.join(siteDir, `.current-${process.pid}-${Date.now()}`);
  await symlink(`releases/${release}`, temp);
  try {
    await rename(temp, path.join(siteDir, "current"));
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export async function removeReleaseDir(siteDir: string, release: number): Promise<void> {
  await rm(path.join(siteDir, "releases", String(release)), { recursive: true, force: true });
}
