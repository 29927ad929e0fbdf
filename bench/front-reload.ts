// How long does publishing the front config of 1,000 sites take (render, validate, swap, reload), and does
// anyone notice? The real front container (slipway/front) with the state directory bind-mounted, 1,000
// static sites; after a warm-up publish, ROUNDS republishes of every site through assembleFrontConfig
// (the custom snippet `add_header X-Gen <n>` changes each time, so every file is new), interleaved with
// as many rounds of the floor: the same tree written and linked by hand (untimed), then only `nginx -t`
// by docker exec and SIGHUP. A bounded loopback load (bench/lib/host-load.mjs, its own process) runs
// throughout. Run from the repository root:
//   node_modules/.bin/tsx --conditions=react-server bench/front-reload.ts [--sites 1000] [--rounds 5] [--concurrency 100] [--rate 1000]
// Prints the table and writes bench/results/front-reload.json. Exits non-zero only if something failed;
// a missed target is reported, not failed. Everything it creates carries slipway.bench-session and is removed.
import { fork, type ChildProcess } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile, chmod } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { dockerPortFor, slipwayLabels, type DockerPort } from "@/server/docker/port";
import { assembleFrontConfig, type AssembleFrontConfigDeps, type FrontPublishResult } from "@/server/front/assemble-front-config";
import { FrontConfigLock } from "@/server/front/front-config-lock";
import { ensureFrontStateDir, swapSitesLink } from "@/server/front/front-state-dir";
import { renderSiteConfig, siteConfigFileName, type SiteConfigInput } from "@/server/front/render-site-config";
import { FRONT_IMAGE } from "@/server/images/slipway-images";
import { freeLoopbackPort } from "@/server/testing/free-port";
import { ensureSlipwayTestImages } from "@/server/testing/slipway-test-images";
import { machine } from "./lib/machine.mjs";
import { writeResults } from "./lib/results";

const ROOT = path.resolve(import.meta.dirname, "..");
const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a positive whole number`);
  return value;
};
const SITES = arg("sites", 1000);
const ROUNDS = arg("rounds", 5);
const CONCURRENCY = arg("concurrency", 100);
const RATE = arg("rate", 1000);
const TARGET_TOTAL_MS = 2000;
const SITES_ROOT = "/srv/sites";
const PAUSE_MS = 1500;
const LIVE_TIMEOUT_MS = 30_000;
const WATCHDOG_MS = 15 * 60_000;

const SESSION = `${process.pid}-${Date.now().toString(36)}`;
const LABELS = slipwayLabels({ "slipway.bench": "front-reload", "slipway.bench-session": SESSION });
const docker: DockerPort = dockerPortFor(process.env.DOCKER_HOST);
const loadAtStart = os.loadavg()[0] ?? 0;
const notes: string[] = [];
let workDir = "";
let load: ChildProcess | null = null;

const step = (message: string): void => void process.stderr.write(`  … ${message}\n`);
const ids = Array.from({ length: SITES }, (_, i) => `s${String(i + 1).padStart(4, "0")}`);
const hostOf = (id: string): string => `${id}.bench.test`;
const sitesAt = (gen: number): SiteConfigInput[] =>
  ids.map((id) => ({ siteId: id, name: `Bench ${id}`, domains: [hostOf(id)], stack: "static", webRoot: `${SITES_ROOT}/${id}`, customSnippet: `    add_header X-Gen ${gen} always;` }));

// ---------------------------------------------------------------- HTTP through the front

interface Reply {
  status: number;
  body: string;
  gen: string | undefined;
}

function get(port: number, host: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: "/", headers: { host }, agent: false, signal: AbortSignal.timeout(5000) }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, gen: [res.headers["x-gen"]].flat()[0] }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/** Polls random sites on new connections until one answers with X-Gen `gen`; resolves when (performance.now()). */
async function waitUntilLive(port: number, gen: number): Promise<number> {
  const deadline = performance.now() + LIVE_TIMEOUT_MS;
  while (performance.now() < deadline) {
    const reply = await get(port, hostOf(ids[Math.floor(Math.random() * ids.length)] ?? "s0001")).catch(() => null);
    if (reply?.status === 200 && reply.gen === String(gen)) return performance.now();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`X-Gen ${gen} was not visible within ${LIVE_TIMEOUT_MS / 1000} s`);
}

/** Every site once (20 at a time, new connections): how many do not yet answer 200 with their own body and X-Gen `gen`. */
async function sweep(port: number, gen: number): Promise<number> {
  let stale = 0;
  const queue = [...ids];
  const worker = async (): Promise<void> => {
    for (let id = queue.shift(); id; id = queue.shift()) {
      const reply = await get(port, hostOf(id)).catch(() => null);
      if (!(reply?.status === 200 && reply.body === `site ${id}\n` && reply.gen === String(gen))) stale++;
    }
  };
  await Promise.all(Array.from({ length: 20 }, worker));
  return stale;
}

/**
 * Sweeps until one finds every site on `gen`; resolves when that sweep started (from then on no old config
 * was seen: old workers still take new connections for a moment after a reload) and the stale count of each sweep.
 */
async function waitUntilAllLive(port: number, gen: number): Promise<{ at: number; staleBySweep: number[] }> {
  const deadline = performance.now() + LIVE_TIMEOUT_MS;
  const staleBySweep: number[] = [];
  while (performance.now() < deadline) {
    const at = performance.now();
    const stale = await sweep(port, gen);
    staleBySweep.push(stale);
    if (stale === 0) return { at, staleBySweep };
  }
  throw new Error(`not every site served X-Gen ${gen} within ${LIVE_TIMEOUT_MS / 1000} s (stale by sweep: ${staleBySweep.join(" ")})`);
}

// ---------------------------------------------------------------- the load process

interface PhaseStats {
  requests: number;
  failures: number;
  keepAlive: { requests: number; failures: number; resent: number };
  fresh: { requests: number; failures: number; resent: number };
  kinds: Record<string, number>;
  firstFailures: string[];
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

function startLoad(port: number): Promise<ChildProcess> {
  const child = fork(path.join(ROOT, "bench", "lib", "host-load.mjs"), [JSON.stringify({ port, hosts: ids.map(hostOf), concurrency: CONCURRENCY, ratePerSecond: RATE })], { stdio: "inherit" });
  load = child;
  return new Promise((resolve, reject) => {
    child.once("message", () => resolve(child));
    child.once("exit", (code) => reject(new Error(`the load process exited (${code}) before it was ready`)));
  });
}

function stopLoad(child: ChildProcess): Promise<Record<string, PhaseStats>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the load process did not report within 30 s")), 30_000);
    child.on("message", (message: { stats?: Record<string, PhaseStats> }) => {
      if (!message.stats) return;
      clearTimeout(timer);
      load = null;
      resolve(message.stats);
    });
    child.send({ stop: true });
  });
}

// ---------------------------------------------------------------- set-up and the rounds

async function startFront(stateDir: string, sitesDir: string): Promise<{ id: string; port: number }> {
  const port = await freeLoopbackPort();
  const { id } = await docker.containers.create({
    name: `slipway-bench-front-reload-${SESSION}`,
    image: FRONT_IMAGE,
    labels: LABELS,
    mounts: [
      { type: "bind", source: sitesDir, target: SITES_ROOT },
      { type: "bind", source: stateDir, target: "/etc/slipway/front" },
    ],
    ports: { "80/tcp": { hostPort: port, hostIp: "127.0.0.1" } },
    stopTimeoutSeconds: 2,
  });
  await docker.containers.start(id);
  const deadline = performance.now() + 30_000;
  for (;;) {
    const reply = await get(port, "nobody.bench.test").catch(() => null);
    if (reply?.status === 200) return { id, port };
    if (performance.now() > deadline) throw new Error("the front container did not answer 200 within 30 s");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface OursRound {
  gen: number;
  timings: FrontPublishResult["timings"];
  liveMs: number;
  liveAfterReturnMs: number;
  allLiveMs: number;
  staleBySweep: number[];
}
interface FloorRound {
  gen: number;
  checkMs: number;
  hupMs: number;
  totalMs: number;
  liveMs: number;
  liveAfterReturnMs: number;
  allLiveMs: number;
  staleBySweep: number[];
}

async function oursRound(deps: AssembleFrontConfigDeps, port: number, gen: number): Promise<OursRound> {
  const started = performance.now();
  const result = await assembleFrontConfig(deps, sitesAt(gen));
  const returned = performance.now();
  if (result.quarantined.length || result.published.length !== SITES) throw new Error(`publish ${gen}: ${result.published.length} published, ${result.quarantined.length} quarantined (${result.quarantined[0]?.error ?? ""})`);
  const live = await waitUntilLive(port, gen);
  const all = await waitUntilAllLive(port, gen);
  return { gen, timings: result.timings, liveMs: live - started, liveAfterReturnMs: live - returned, allLiveMs: all.at - started, staleBySweep: all.staleBySweep };
}

/** The floor: the same tree written and linked by hand beforehand; timed, only nginx -t and the HUP. */
async function floorRound(stateDir: string, frontId: string, port: number, gen: number): Promise<FloorRound> {
  const dirName = `staging-floor-${gen}`;
  await mkdir(path.join(stateDir, dirName));
  await Promise.all(sitesAt(gen).map((site) => writeFile(path.join(stateDir, dirName, siteConfigFileName(site.siteId)), renderSiteConfig(site))));
  await swapSitesLink(stateDir, dirName);
  const started = performance.now();
  const check = await docker.exec.run(frontId, { cmd: ["nginx", "-t", "-q"] });
  if (check.exitCode !== 0) throw new Error(`floor ${gen}: nginx -t failed: ${check.stderr}`);
  const checked = performance.now();
  await docker.containers.kill(frontId, "SIGHUP");
  const returned = performance.now();
  const live = await waitUntilLive(port, gen);
  const all = await waitUntilAllLive(port, gen);
  return {
    gen,
    checkMs: checked - started,
    hupMs: returned - checked,
    totalMs: returned - started,
    liveMs: live - started,
    liveAfterReturnMs: live - returned,
    allLiveMs: all.at - started,
    staleBySweep: all.staleBySweep,
  };
}

/**
 * Where nginx -t spends its time, on the live tree: as is; with the default certificate given through a
 * variable (loaded per handshake, not per server block at load time); with no certificate and no :443
 * at all; with no sites; and a bare exec. The variants' files are made in /tmp of the container first, untimed.
 */
async function diagnose(frontId: string): Promise<Record<string, number>> {
  const sh = (script: string) => ["sh", "-c", script];
  const prepare = [
    "set -e; rm -rf /tmp/bench-nossl /tmp/bench-empty; mkdir -p /tmp/bench-nossl /tmp/bench-empty",
    "for f in /etc/slipway/front/sites/*.conf; do sed 's/listen 443 ssl;//' \"$f\" > /tmp/bench-nossl/${f##*/}; done",
    "sed -e '/ssl_certificate/d' -e 's/listen 443 ssl http2 default_server;//' -e 's#/etc/slipway/front/sites/\\*.conf#/tmp/bench-nossl/*.conf#' /etc/nginx/nginx.conf > /tmp/bench-nossl.conf",
    "sed -e 's#ssl_certificate /etc/slipway/front/tls/default.crt;#ssl_certificate $bench_crt;#' -e 's#ssl_certificate_key /etc/slipway/front/tls/default.key;#ssl_certificate_key $bench_key;#' " +
      "-e 's#^http {#http { map $ssl_server_name $bench_crt { default /etc/slipway/front/tls/default.crt; } map $ssl_server_name $bench_key { default /etc/slipway/front/tls/default.key; }#' /etc/nginx/nginx.conf > /tmp/bench-varcert.conf",
  ].join("\n");
  const prepared = await docker.exec.run(frontId, { cmd: sh(prepare) });
  if (prepared.exitCode !== 0) throw new Error(`preparing the nginx -t variants failed: ${prepared.stderr || prepared.stdout}`);
  const variants: Record<string, string[]> = {
    "nginx -t of the live tree (as the floor)": ["nginx", "-t", "-q"],
    "the same, the default certificate through a variable": ["nginx", "-t", "-q", "-c", "/tmp/bench-varcert.conf"],
    "the same, no certificate and no :443 listen anywhere": ["nginx", "-t", "-q", "-c", "/tmp/bench-nossl.conf"],
    "slipway-front-check of an empty sites directory": ["slipway-front-check", "/tmp/bench-empty"],
    "docker exec of `true` (the exec's own cost)": ["true"],
  };
  const figures: Record<string, number> = {};
  for (const [name, cmd] of Object.entries(variants)) {
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const result = await docker.exec.run(frontId, { cmd });
      if (result.exitCode !== 0) throw new Error(`diagnosis "${name}" failed: ${result.stderr || result.stdout}`);
      runs.push(performance.now() - started);
    }
    figures[name] = median(runs);
  }
  return figures;
}

// ---------------------------------------------------------------- figures and the report

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}
const max = (values: number[]): number => Math.max(...values);
const ms = (value: number): string => `${Math.round(value).toLocaleString("en")} ms`;

function report(ours: OursRound[], floor: FloorRound[], stats: Record<string, PhaseStats>, diagnosis: Record<string, number>, frontImage: string) {
  const row = (name: string, values: number[]) => `  ${name.padEnd(44)} ${ms(median(values)).padStart(10)} ${ms(max(values)).padStart(10)}   runs ${values.map((v) => Math.round(v)).join(" ")}`;
  const t = (key: keyof FrontPublishResult["timings"]) => ours.map((r) => r.timings[key]);
  const pairRatios = ours.map((r, i) => r.timings.totalMs / (floor[i]?.totalMs ?? NaN));
  const ratio = median(pairRatios);
  const liveRatio = median(ours.map((r, i) => r.liveMs / (floor[i]?.liveMs ?? NaN)));
  const phaseSum = (prefix: string) => {
    const picked = Object.entries(stats).filter(([name]) => name.startsWith(prefix)).map(([, s]) => s);
    const kinds: Record<string, number> = {};
    for (const s of picked) for (const [kind, n] of Object.entries(s.kinds)) kinds[kind] = (kinds[kind] ?? 0) + n;
    return {
      requests: picked.reduce((n, s) => n + s.requests, 0),
      failures: picked.reduce((n, s) => n + s.failures, 0),
      keepAliveFailures: picked.reduce((n, s) => n + s.keepAlive.failures, 0),
      resent: picked.reduce((n, s) => n + s.keepAlive.resent + s.fresh.resent, 0),
      freshFailures: picked.reduce((n, s) => n + s.fresh.failures, 0),
      kinds,
      p50Ms: median(picked.map((s) => s.p50Ms)),
      p99Ms: max(picked.map((s) => s.p99Ms)),
      maxMs: max(picked.map((s) => s.maxMs)),
      firstFailures: picked.flatMap((s) => s.firstFailures).slice(0, 5),
    };
  };
  const loads = { steady: phaseSum("steady"), ours: phaseSum("ours"), floor: phaseSum("floor") };
  const totalMet = max(t("totalMs")) < TARGET_TOTAL_MS;
  const failedMet = loads.ours.failures === 0;
  const lines = [
    `front-reload: ${SITES.toLocaleString("en")} static sites in the real front container (${frontImage}), ${ROUNDS} republishes each way, interleaved;`,
    `load: ${CONCURRENCY} workers (half keep-alive, half a new connection per request) at ≤ ${RATE.toLocaleString("en")} req/s in all, random hosts`,
    "",
    `  ${"".padEnd(44)} ${"median".padStart(10)} ${"max".padStart(10)}`,
    "ours (assembleFrontConfig, timings from its result)",
    row("render (and read last good)", t("renderMs")),
    row(`validate (slipway-front-check; ${median(t("checks"))} check a round)`, t("validateMs")),
    row("swap (symlink + save last good)", t("swapMs")),
    row("reload (SIGHUP sent)", t("reloadMs")),
    row("total", t("totalMs")),
    row("until X-Gen is served (from the call)", ours.map((r) => r.liveMs)),
    row("  of which after the call returned", ours.map((r) => r.liveAfterReturnMs)),
    row("until every site is served new (from the call)", ours.map((r) => r.allLiveMs)),
    "floor (tree written and linked by hand, untimed)",
    row("docker exec nginx -t", floor.map((r) => r.checkMs)),
    row("SIGHUP sent", floor.map((r) => r.hupMs)),
    row("total", floor.map((r) => r.totalMs)),
    row("until X-Gen is served (from nginx -t)", floor.map((r) => r.liveMs)),
    row("  of which after the HUP was sent", floor.map((r) => r.liveAfterReturnMs)),
    row("until every site is served new (from nginx -t)", floor.map((r) => r.allLiveMs)),
    `ratio to floor: total ${ratio.toFixed(2)}× (median of ${pairRatios.length} pairs: ${pairRatios.map((r) => r.toFixed(2)).join(" ")}); until served ${liveRatio.toFixed(2)}×`,
    `sites still on the old config, sweep by sweep after the first new answer (new connections): ours ${ours.map((r) => r.staleBySweep.join("→")).join(", ")}; floor ${floor.map((r) => r.staleBySweep.join("→")).join(", ")}`,
    "",
    `  load ${"".padEnd(18)} ${"requests".padStart(9)} ${"failed".padStart(7)} ${"resent".padStart(7)} ${"p50".padStart(9)} ${"p99".padStart(9)} ${"max".padStart(9)}   failures`,
    ...Object.entries(loads).map(
      ([name, s]) =>
        `  ${(name === "steady" ? "no reload" : `${name} rounds`).padEnd(23)} ${String(s.requests).padStart(9)} ${String(s.failures).padStart(7)} ${String(s.resent).padStart(7)} ${s.p50Ms.toFixed(1).padStart(6)} ms ${s.p99Ms.toFixed(1).padStart(6)} ms ${s.maxMs.toFixed(0).padStart(6)} ms   ` +
        (s.failures ? `${Object.entries(s.kinds).map(([k, n]) => `${k} ×${n}`).join(", ")} (keep-alive ${s.keepAliveFailures}, new connection ${s.freshFailures})` : "none"),
    ),
    "  resent: lost on a keep-alive connection nginx closed as the request went out (an old worker retiring), sent again on a new connection",
    "",
    "where nginx -t spends its time (docker exec, median of 3, no load):",
    ...Object.entries(diagnosis).map(([name, value]) => `  ${name.padEnd(70)} ${ms(value).padStart(10)}`),
    "",
    `target: total < ${TARGET_TOTAL_MS.toLocaleString("en")} ms in every round → max ${ms(max(t("totalMs")))}: ${totalMet ? "met" : "NOT met"}`,
    `target: 0 failed requests during our reloads → ${loads.ours.failures}: ${failedMet ? "met" : "NOT met"}`,
    ...notes.map((n) => `note: ${n}`),
  ];
  console.log(lines.join("\n"));
  return { ratio, liveRatio, pairRatios, loads, targets: { totalMs: TARGET_TOTAL_MS, totalMet, failedMet } };
}

// ---------------------------------------------------------------- the main line

async function cleanUp(): Promise<void> {
  if (load && load.exitCode === null) load.kill("SIGKILL");
  load = null;
  for (const c of await docker.containers.list({ labels: { "slipway.bench-session": SESSION } }).catch(() => [])) await docker.containers.remove(c.id, { force: true }).catch(() => undefined);
  if (workDir) await rm(workDir, { recursive: true, force: true });
  workDir = "";
}

/** Containers of earlier runs whose process is gone (the engine was unreachable when they cleaned up). */
async function removeLeftovers(): Promise<void> {
  for (const c of await docker.containers.list({ labels: { "slipway.bench": "front-reload" } })) {
    const pid = Number(c.labels["slipway.bench-session"]?.split("-")[0]);
    if (pid === process.pid || (Number.isInteger(pid) && pidAlive(pid))) continue;
    notes.push(`removed ${c.name}, left by an earlier run`);
    await docker.containers.remove(c.id, { force: true });
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void cleanUp().finally(() => process.exit(130)));
const watchdog = setTimeout(() => {
  console.error(`\nfront-reload failed: still running after ${WATCHDOG_MS / 60_000} min`);
  void cleanUp().finally(() => process.exit(1));
}, WATCHDOG_MS);
watchdog.unref();

async function main(): Promise<void> {
  await removeLeftovers();
  notes.push(...(await ensureSlipwayTestImages(docker, [FRONT_IMAGE], step)));
  workDir = await mkdtemp(path.join(os.tmpdir(), "slipway-bench-front-"));
  const stateDir = path.join(workDir, "state");
  const sitesDir = path.join(workDir, "sites");
  await chmod(workDir, 0o755);
  await ensureFrontStateDir(stateDir);
  step(`${SITES} sites' web roots in ${sitesDir}`);
  for (const id of ids) {
    await mkdir(path.join(sitesDir, id), { recursive: true, mode: 0o755 });
    await writeFile(path.join(sitesDir, id, "index.html"), `site ${id}\n`, { mode: 0o644 });
  }
  const front = await startFront(stateDir, sitesDir);
  step(`front container on 127.0.0.1:${front.port}; warm-up publish`);
  const deps: AssembleFrontConfigDeps = { docker, lock: new FrontConfigLock(), stateDir, frontContainer: front.id, timeoutMs: 60_000 };
  let gen = 1;
  const warm = await oursRound(deps, front.port, gen);
  step(`warm-up: total ${ms(warm.timings.totalMs)}, served after ${ms(warm.liveMs)}; starting the load`);

  const child = await startLoad(front.port);
  child.send({ phase: "steady" });
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const ours: OursRound[] = [];
  const floor: FloorRound[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    child.send({ phase: `ours-${round}` });
    ours.push(await oursRound(deps, front.port, ++gen));
    child.send({ phase: "pause" });
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    child.send({ phase: `floor-${round}` });
    floor.push(await floorRound(stateDir, front.id, front.port, ++gen));
    child.send({ phase: "pause" });
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    step(`round ${round}: ours ${ms(ours.at(-1)?.timings.totalMs ?? NaN)} (served after ${ms(ours.at(-1)?.liveMs ?? NaN)}), floor ${ms(floor.at(-1)?.totalMs ?? NaN)} (served after ${ms(floor.at(-1)?.liveMs ?? NaN)})`);
  }
  child.send({ phase: "steady-end" });
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const stats = await stopLoad(child);
  step("diagnosis: nginx -t variants");
  const diagnosis = await diagnose(front.id);

  const summary = report(ours, floor, stats, diagnosis, FRONT_IMAGE);
  const result = {
    benchmark: "front-reload",
    at: new Date().toISOString(),
    machine: machine(loadAtStart),
    settings: { sites: SITES, rounds: ROUNDS, concurrency: CONCURRENCY, ratePerSecond: RATE, pauseMs: PAUSE_MS },
    warmUp: warm,
    ours,
    floor,
    ...summary,
    loadByPhase: stats,
    diagnosis,
    notes,
  };
  writeResults(ROOT, "front-reload", result);
}

try {
  await main();
} catch (error) {
  console.error(`\nfront-reload failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
