import "server-only";
import { createHash } from "node:crypto";
import { chown, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/** Where Slipway's per-site PHP config is mounted in the site's PHP containers (read-only). */
export const CONTAINER_PHP_CONFIG_DIR = "/etc/slipway/php";
/** www-data in Slipway's Debian images (and on Debian hosts). */
const WWW_DATA = 33;

export interface SitePhpConfig {
  ini: Record<string, string>;
  fpmPool: Record<string, string>;
  /** The session store's ini (session.save_handler / save_path), when sessions are not in files. */
  sessionIni: string | null;
  /** Every environment variable, secret ones opened: they reach PHP through a prepended file, never `docker inspect`. */
  env: Record<string, string>;
}

/** A PHP single-quoted string literal: only \ and ' are special in one. */
export function phpString(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

export function renderEnvPhp(env: Record<string, string>): string {
  const entries = Object.entries(env)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `  ${phpString(k)} => ${phpString(v)},`);
  return [
    "<?php",
    "// Written by Slipway: the site's environment, prepended to every request (auto_prepend_file).",
    "foreach ([",
    ...entries,
    "] as $slipwayName => $slipwayValue) {",
    "  putenv($slipwayName . '=' . $slipwayValue);",
    "  $_ENV[$slipwayName] = $slipwayValue;",
    "  $_SERVER[$slipwayName] = $slipwayValue;",
    "}",
    "unset($slipwayName, $slipwayValue);",
    "",
  ].join("\n");
}

export function renderSiteIni(ini: Record<string, string>): string {
  const lines = ["; Written by Slipway from the site's PHP settings.", `auto_prepend_file = ${CONTAINER_PHP_CONFIG_DIR}/env.php`];
  for (const [key, value] of Object.entries(ini)) lines.push(`${key} = "${value}"`);
  return `${lines.join("\n")}\n`;
}

export function renderPool(pool: Record<string, string>): string {
  const lines = ["; Written by Slipway from the site's FPM pool settings (later wins over the image's pool).", "[www]"];
  for (const [key, value] of Object.entries(pool)) lines.push(`${key} = ${value}`);
  return `${lines.join("\n")}\n`;
}

/**
 * Writes the site's PHP config into its config directory (each file by temp + rename) and says whether any
 * file changed: then php-fpm must reload (it reads ini and pool files at start).
 */
export async function writeSitePhpConfig(siteConfigDir: string, config: SitePhpConfig): Promise<{ hash: string; changed: boolean }> {
  const dir = path.join(siteConfigDir, "php");
  const files: Record<string, string> = {
    "env.php": renderEnvPhp(config.env),
    "conf.d/50-site.ini": renderSiteIni(config.ini),
    "fpm.d/50-site.conf": renderPool(config.fpmPool),
  };
  if (config.sessionIni) files["conf.d/60-sessions.ini"] = config.sessionIni;
  let changed = false;
  if (!config.sessionIni && (await readFile(path.join(dir, "conf.d/60-sessions.ini")).then(() => true, () => false))) {
    await rm(path.join(dir, "conf.d/60-sessions.ini"), { force: true });
    changed = true;
  }
  await mkdir(path.join(dir, "conf.d"), { recursive: true, mode: 0o750 });
  await mkdir(path.join(dir, "fpm.d"), { recursive: true, mode: 0o750 });
  // Readable by PHP's workers (www-data), nobody else: the environment holds the site's secrets.
  for (const d of [siteConfigDir, dir, path.join(dir, "conf.d"), path.join(dir, "fpm.d")]) await chown(d, 0, WWW_DATA).catch(() => undefined);
  const hash = createHash("sha256");
  for (const [name, text] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    hash.update(name).update("\0").update(text).update("\0");
    const file = path.join(dir, name);
    if ((await readFile(file, "utf8").catch(() => null)) === text) continue;
    changed = true;
    const temp = `${file}.tmp-${process.pid}`;
    await writeFile(temp, text, { mode: 0o640 });
    await chown(temp, 0, WWW_DATA).catch(() => undefined);
    await rename(temp, file);
  }
  return { hash: hash.digest("hex").slice(0, 16), changed };
}
