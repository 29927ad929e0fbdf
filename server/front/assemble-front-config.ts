import "server-only";
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { DockerPort } from "@/server/docker/port";
import type { FrontConfigLock } from "./front-config-lock";
import { FRONT_CONTAINER_STATE_DIR, liveGeneration, purgeTrash, removeOldStaging, swapSitesLink } from "./front-state-dir";
import { renderSiteConfig, SiteConfigError, siteConfigFileName, type SiteConfigInput } from "./render-site-config";

/** The part of the Docker port assembly uses: exec (nginx -t in the front container) and kill (HUP). */
export interface FrontDocker {
  exec: Pick<DockerPort["exec"], "run">;
  containers: Pick<DockerPort["containers"], "kill">;
}

export interface AssembleFrontConfigDeps {
  docker: FrontDocker;
  lock: FrontConfigLock;
  /** The state directory as the panel sees it. */
  stateDir: string;
  /** The same directory inside the front container. */
  containerStateDir?: string;
  frontContainer: string;
  /** Publish (check, swap, reload) even when the sites' configs are the live ones: something they include changed (trusted proxies, a certificate file). */
  force?: boolean;
  /** Where the panel reaches the front's HTTP port: when given, assembly returns only once nginx serves the new config. */
  live?: { host: string; port: number };
  /** Bounds waiting for the lock plus the whole assembly. */
  timeoutMs?: number;
}

export interface QuarantinedSite {
  siteId: string;
  /** nginx's message (or the renderer's, for invalid site data). */
  error: string;
  /** true: its last good config is still published; false: it is left out until fixed. */
  servingLastGood: boolean;
}

export interface FrontPublishResult {
  /** Name of the published tree inside the state directory (what `sites` points at). */
  generation: string;
  /** Sites whose freshly rendered config is now live. */
  published: string[];
  quarantined: QuarantinedSite[];
  /** true: the rendered configs were the live ones, so nothing was published or reloaded. */
  unchanged?: boolean;
  timings: { renderMs: number; validateMs: number; swapMs: number; reloadMs: number; totalMs: number; checks: number };
}

export class FrontConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FrontConfigError";
  }
}

let sequence = 0;

/** Renders, validates (quarantining bad sites), swaps in and reloads the whole front config, under the lock. */
export function assembleFrontConfig(deps: AssembleFrontConfigDeps, sites: SiteConfigInput[]): Promise<FrontPublishResult> {
  return deps.lock.run((signal) => assemble(deps, sites, signal), deps.timeoutMs ?? 60_000);
}

async function assemble(deps: AssembleFrontConfigDeps, sites: SiteConfigInput[], signal: AbortSignal): Promise<FrontPublishResult> {
  const started = Date.now();
  const containerDir = deps.containerStateDir ?? FRONT_CONTAINER_STATE_DIR;
  const ids = new Set(sites.map((s) => s.siteId));
  if (ids.size !== sites.length) throw new FrontConfigError("two sites share an id");

  const fresh = new Map<string, string>();
  const quarantine = new Map<string, string>();
  for (const site of sites) {
    try {
      fresh.set(site.siteId, renderSiteConfig(site));
    } catch (error) {
      if (!(error instanceof SiteConfigError)) throw error;
      quarantine.set(site.siteId, error.message);
    }
  }
  // A site's last good config is its file in the live tree (which holds only validated configs), read only
  // for the sites that need one (quarantined). Trees an earlier publish left are cleared first (the live one
  // stays): done here, under the lock, so it never races a publish.
  const live = await liveGeneration(deps.stateDir);
  await removeOldStaging(deps.stateDir, live);
  const lastGood = new Map<string, string>();
  const lookedUp = new Set<string>();
  const loadLastGood = async () => {
    for (const id of quarantine.keys()) {
      if (lookedUp.has(id)) continue;
      lookedUp.add(id);
      const text = live ? await readFile(path.join(deps.stateDir, live, siteConfigFileName(id)), "utf8").catch(() => undefined) : undefined;
      if (text !== undefined) lastGood.set(id, text);
    }
  };
  const renderMs = Date.now() - started;
  // Nothing changed (a redeploy of a site whose root goes through `current`): no check, no reload of every site.
  if (!deps.force && live && quarantine.size === 0 && (await sameAsLive(path.join(deps.stateDir, live), fresh))) {
    return { generation: live, published: [...fresh.keys()], quarantined: [], unchanged: true, timings: { renderMs, validateMs: 0, swapMs: 0, reloadMs: 0, totalMs: Date.now() - started, checks: 0 } };
  }

  const generation = `staging-${Date.now().toString(36)}-${(sequence++).toString(36)}`;
  const stagingDir = path.join(deps.stateDir, generation);
  let checks = 0;
  const check = async (dirName: string): Promise<{ ok: boolean; message: string }> => {
    signal.throwIfAborted();
    checks++;
    const result = await deps.docker.exec.run(deps.frontContainer, { cmd: ["slipway-front-check", `${containerDir}/${dirName}`] }, { signal });
    return { ok: result.exitCode === 0, message: (result.stderr || result.stdout).trim() };
  };
  /** The tree to publish: fresh configs of good sites, last good ones of quarantined sites. */
  const tree = (): Map<string, string> => {
    const files = new Map(fresh);
    for (const id of quarantine.keys()) {
      const text = lastGood.get(id);
      if (text !== undefined) files.set(id, text);
    }
    return files;
  };

  const validateStarted = Date.now();
  for (let attempt = 0; ; attempt++) {
    // Each failed round quarantines a site or drops a last good config, so this bounds the rounds.
    if (attempt > 2 * sites.length + 1) throw new FrontConfigError("could not isolate the sites that break the front config");
    await loadLastGood();
    await writeTree(stagingDir, tree());
    await writeFile(path.join(stagingDir, GENERATION_FILE), generationServer(generation));
    const result = await check(generation);
    if (result.ok) break;
    const culprit = culpritOf(result.message, `${containerDir}/${generation}/`);
    if (culprit !== undefined && fresh.has(culprit)) {
      fresh.delete(culprit);
      quarantine.set(culprit, result.message);
    } else if (culprit !== undefined && quarantine.has(culprit) && lastGood.has(culprit)) {
      // Its last good config no longer fits (the base config changed): leave the site out.
      lastGood.delete(culprit);
    } else {
      const bad = await isolate(deps.stateDir, generation, fresh, check);
      if (bad.size === 0) throw new FrontConfigError(`the front config does not validate and no single site explains it: ${result.message}`);
      for (const [id, message] of bad) {
        fresh.delete(id);
        quarantine.set(id, message);
      }
    }
  }
  await loadLastGood();
  const validateMs = Date.now() - validateStarted;

  const published = tree();
  if (published.size === 0 && sites.length > 0) {
    await rm(stagingDir, { recursive: true, force: true });
    throw new FrontConfigError(`refusing to publish an empty front config: all ${sites.length} sites are quarantined (${[...quarantine.values()][0] ?? ""})`);
  }

  const swapStarted = Date.now();
  signal.throwIfAborted();
  await swapSitesLink(deps.stateDir, generation);
  const swapMs = Date.now() - swapStarted;

  const reloadStarted = Date.now();
  await deps.docker.containers.kill(deps.frontContainer, "SIGHUP");
  // HUP returns at once; nginx starts the new workers a moment later. Until they answer, a request may
  // still meet the old config (a brand-new site would get the catch-all's 200): wait for the marker.
  if (deps.live) await waitForGeneration(deps.live, generation, signal);
  const reloadMs = Date.now() - reloadStarted;
  void purgeTrash(deps.stateDir).catch(() => undefined);

  return {
    generation,
    published: [...fresh.keys()],
    quarantined: [...quarantine].map(([siteId, error]) => ({ siteId, error, servingLastGood: lastGood.has(siteId) })),
    timings: { renderMs, validateMs, swapMs, reloadMs, totalMs: Date.now() - started, checks },
  };
}

/** Whether the live tree holds exactly these site configs (and no others). */
async function sameAsLive(liveDir: string, fresh: Map<string, string>): Promise<boolean> {
  const files = (await readdir(liveDir).catch(() => [] as string[])).filter((f) => f.endsWith(".conf") && f !== GENERATION_FILE);
  if (files.length !== fresh.size) return false;
  for (const [id, text] of fresh) {
    if ((await readFile(path.join(liveDir, siteConfigFileName(id)), "utf8").catch(() => null)) !== text) return false;
  }
  return true;
}

/** A server block only the published generation answers (204), so a caller can tell when a reload is live. */
const GENERATION_FILE = "_generation.conf";

function generationHost(generation: string): string {
  return `${generation}.generation.slipway.invalid`;
}

function generationServer(generation: string): string {
  return `server {\n    listen 80;\n    server_name ${generationHost(generation)};\n    access_log off;\n    return 204;\n}\n`;
}

async function waitForGeneration(front: { host: string; port: number }, generation: string, signal: AbortSignal): Promise<void> {
  for (;;) {
    signal.throwIfAborted();
    const status = await new Promise<number>((resolve) => {
      const req = http.get({ host: front.host, port: front.port, path: "/", headers: { host: generationHost(generation) }, agent: false, timeout: 2_000 }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("timeout", () => req.destroy());
      req.on("error", () => resolve(0));
    });
    if (status === 204) return;
    await sleep(20);
  }
}

/** The site whose file nginx names in its message, if the file is one of this tree's. */
function culpritOf(message: string, treePrefix: string): string | undefined {
  const at = message.indexOf(treePrefix);
  if (at < 0) return undefined;
  return /^([A-Za-z0-9_-]+)\.conf:\d+/.exec(message.slice(at + treePrefix.length))?.[1];
}

/** Validates each fresh site alone; returns those that fail by themselves, with nginx's message. */
async function isolate(
  stateDir: string,
  generation: string,
  fresh: Map<string, string>,
  check: (dirName: string) => Promise<{ ok: boolean; message: string }>,
): Promise<Map<string, string>> {
  const bad = new Map<string, string>();
  const queue = [...fresh];
  let n = 0;
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [id, text] = next;
      const dirName = `check-${generation}-${n++}`;
      await writeTree(path.join(stateDir, dirName), new Map([[id, text]]));
      const result = await check(dirName);
      await rm(path.join(stateDir, dirName), { recursive: true, force: true });
      if (!result.ok) bad.set(id, result.message);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return bad;
}

async function writeTree(dir: string, files: Map<string, string>): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await Promise.all([...files].map(([id, text]) => writeFile(path.join(dir, siteConfigFileName(id)), text)));
}

