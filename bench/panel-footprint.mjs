#!/usr/bin/env node
// How heavy is the panel? Start time, resident memory idle and under API load, and API latency,
// each against a bare Node HTTP server measured in the same run. Run from anywhere:
//   node bench/panel-footprint.mjs
// Prints a table and writes bench/results/panel-footprint.json. Exits non-zero only if something failed;
// a missed target is reported, not failed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { machine } from "./lib/machine.mjs";
import { fileURLToPath } from "node:url";
import { loadTest, request, waitFor200 } from "./lib/http-load.mjs";
import { freePort, run, sleep, startService, stopService, treeRss } from "./lib/processes.mjs";
import { panelEnv } from "./lib/panel.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RESULTS_FILE = path.join(ROOT, "bench", "results", "panel-footprint.json");
const CALLS = 1000;
const CONCURRENCY = 8;
const QUIET_MS = 5000;
const START_TIMEOUT_MS = 60_000;
const TARGET_IDLE_RSS_MB = 150;
const DOKPLOY_IDLE_RSS = "460–630 MB";
const ADMIN = { email: "bench@slipway.local", password: "bench-password-0123456789" };

const bin = (name) => path.join(ROOT, "node_modules", ".bin", name);
const baseEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const started = [];
const loadAtStart = os.loadavg()[0];
let dataDir = null;

function step(message) {
  process.stderr.write(`  … ${message}\n`);
}

async function ensureBuild() {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) {
    step("no .next/BUILD_ID: next build (a few minutes)");
    await run(bin("next"), ["build"], { cwd: ROOT, env: { ...baseEnv, NODE_ENV: "production" } });
  }
  const builtAt = fs.statSync(buildId).mtimeMs;
  const newer = ["app", "components", "server", "next.config.ts"].flatMap((entry) => newerFiles(path.join(ROOT, entry), builtAt));
  if (newer.length) step(`note: the build is older than ${newer.length} source file(s), e.g. ${path.relative(ROOT, newer[0])}; measuring it as it is`);
  return fs.readFileSync(buildId, "utf8").trim();
}

function newerFiles(entry, than) {
  if (!fs.existsSync(entry)) return [];
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs > than && !/\.test\.tsx?$/.test(entry) ? [entry] : [];
  return fs.readdirSync(entry).flatMap((name) => newerFiles(path.join(entry, name), than));
}

/** A fresh data directory with the schema applied and an admin whose password we know. */
async function prepareDataDir() {
  if (!fs.existsSync(path.join(ROOT, "prisma", "generated", "client.ts"))) {
    throw new Error("prisma/generated/client.ts is missing: run ./slipway setup (or node_modules/.bin/prisma generate) first");
  }
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "slipway-bench-"));
  fs.chmodSync(dataDir, 0o700);
  const env = { ...baseEnv, SLIPWAY_DATA_DIR: dataDir };
  step(`data directory ${dataDir}: migrating`);
  await run(bin("prisma"), ["migrate", "deploy"], { cwd: ROOT, env });
  step("creating the admin");
  await run(bin("tsx"), ["--conditions=react-server", "scripts/ensure-admin.ts"], {
    cwd: ROOT,
    env: { ...env, NODE_ENV: "production", SLIPWAY_ADMIN_EMAIL: ADMIN.email, SLIPWAY_ADMIN_PASSWORD: ADMIN.password },
  });
}

/** Spawns a server and times it until `readyPath` answers 200. */
async function startTimed(name, args, env, port, readyPath) {
  const since = performance.now();
  const service = startService(process.execPath, args, { cwd: ROOT, env });
  started.push(service);
  try {
    const startMs = await waitFor200(`http://127.0.0.1:${port}${readyPath}`, { since, timeoutMs: START_TIMEOUT_MS, isAlive: () => !service.exited });
    return { service, startMs };
  } catch (error) {
    throw new Error(`${name}: ${error.message}\n--- its output ---\n${service.output.trim()}`);
  }
}

/** The API load (sampling peak RSS), then RSS right after it and after another quiet spell. */
async function loadAndSettle(service, url, headers, check) {
  let peakMb = 0;
  const sample = () => (peakMb = Math.max(peakMb, treeRss(service.pid).rssMb));
  const load = await loadTest(url, { total: CALLS, concurrency: CONCURRENCY, headers, check, onTick: sample });
  const afterCalls = treeRss(service.pid);
  peakMb = Math.max(peakMb, afterCalls.rssMb);
  await sleep(QUIET_MS);
  const afterQuiet = treeRss(service.pid);
  return { load, peakMb, afterCalls, afterQuiet };
}

async function measureBaseline() {
  const port = await freePort();
  const script = `require('http').createServer((q,s)=>s.end('ok')).listen(${port},'127.0.0.1')`;
  step(`baseline: bare node:http server on 127.0.0.1:${port}`);
  const { service, startMs } = await startTimed("baseline", ["-e", script], baseEnv, port, "/");
  await sleep(QUIET_MS);
  const idle = treeRss(service.pid);
  const measured = await loadAndSettle(service, `http://127.0.0.1:${port}/api/trpc/tokens.list`, {}, (res) => res.body === "ok");
  await stopService(service);
  return { startMs, idle, ...measured };
}

async function trpcMutation(base, procedure, input, headers = {}) {
  const res = await request(`${base}/api/trpc/${procedure}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(input),
  });
  if (res.status !== 200) throw new Error(`${procedure}: HTTP ${res.status}: ${res.body.slice(0, 300)}`);
  return res;
}

async function measurePanel() {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = await panelEnv(dataDir, port);
  step(`panel: node scripts/serve.mjs on ${base}`);
  const { service, startMs } = await startTimed("panel", ["scripts/serve.mjs"], env, port, "/api/health");
  const health = JSON.parse((await request(`${base}/api/health`)).body);

  await sleep(QUIET_MS);
  const idle = treeRss(service.pid);

  step("panel: logging in and creating an API token");
  const login = await trpcMutation(base, "auth.login", ADMIN);
  const cookie = [login.headers["set-cookie"] ?? []].flat().map((c) => c.split(";")[0]).join("; ");
  if (!cookie) throw new Error("auth.login answered 200 without a set-cookie header");
  const created = JSON.parse((await trpcMutation(base, "tokens.create", { name: "bench" }, { cookie })).body);
  const secret = created.result?.data?.secret ?? created.result?.data?.json?.secret;
  if (!secret) throw new Error(`tokens.create gave no secret: ${JSON.stringify(created).slice(0, 300)}`);

  step(`panel: ${CALLS} calls to tokens.list, ${CONCURRENCY} at a time`);
  const listsBenchToken = (res) => res.body.includes('"name":"bench"');
  const measured = await loadAndSettle(service, `${base}/api/trpc/tokens.list`, { authorization: `Bearer ${secret}` }, listsBenchToken);
  await stopService(service);
  return { startMs, health: { status: health.status, docker: health.docker?.reachable ?? null }, idle, ...measured };
}


const summary = (rss) => ({
  rssMb: round(rss.rssMb),
  anonMb: round(rss.anonMb),
  fileMb: round(rss.fileMb),
  shmemMb: round(rss.shmemMb),
  processes: rss.processes.map((p) => ({ pid: p.pid, cmdline: p.cmdline.slice(0, 120), rssMb: round(p.rssKb / 1024), threads: p.threads })),
});
const round = (n, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const ratio = (a, b) => round(a / b, 2);
/** Judged on the figure as printed (one decimal), so "150.0 MB" never reads as met. */
const meetsTarget = (rssMb) => round(rssMb) < TARGET_IDLE_RSS_MB;

function report(panel, baseline, buildId) {
  const rows = [
    ["start until 200 (ms)", panel.startMs, baseline.startMs, 0],
    ["idle RSS (MB)", panel.idle.rssMb, baseline.idle.rssMb, 1],
    [`  of which anonymous (MB)`, panel.idle.anonMb, baseline.idle.anonMb, 1],
    [`  of which file-backed (MB)`, panel.idle.fileMb, baseline.idle.fileMb, 1],
    [`throughput, ${CALLS} calls × ${CONCURRENCY} (req/s)`, panel.load.perSecond, baseline.load.perSecond, 0],
    ["latency p50 (ms)", panel.load.p50Ms, baseline.load.p50Ms, 2],
    ["latency p99 (ms)", panel.load.p99Ms, baseline.load.p99Ms, 2],
    ["peak RSS during calls (MB)", panel.peakMb, baseline.peakMb, 1],
    ["RSS right after calls (MB)", panel.afterCalls.rssMb, baseline.afterCalls.rssMb, 1],
    [`RSS after ${QUIET_MS / 1000} s more idle (MB)`, panel.afterQuiet.rssMb, baseline.afterQuiet.rssMb, 1],
  ];
  const table = rows.map(([label, a, b, digits]) => ({ label, panel: round(a, digits), baseline: round(b, digits), ratio: ratio(a, b), digits }));
  const width = Math.max(...table.map((r) => r.label.length));
  const cell = (v) => String(v).padStart(10);
  const fixed = (r) => ({ ...r, panel: r.panel.toFixed(r.digits), baseline: r.baseline.toFixed(r.digits), ratio: r.ratio.toFixed(2) });
  const lines = [
    "",
    `panel-footprint  build ${buildId}  ${machine(loadAtStart).cpus} CPUs, ${machine(loadAtStart).os}, Node ${process.version}, load average ${loadAtStart.toFixed(2)} → ${os.loadavg()[0].toFixed(2)}`,
    `${"".padEnd(width)}  ${cell("panel")}  ${cell("baseline")}  ${cell("ratio")}`,
    ...table.map(fixed).map((r) => `${r.label.padEnd(width)}  ${cell(r.panel)}  ${cell(r.baseline)}  ${cell(`${r.ratio}×`)}`),
    "",
    `panel processes at idle: ${panel.idle.processes.map((p) => `${p.pid} ${(p.rssKb / 1024).toFixed(1)} MB ${p.threads} threads (${p.cmdline.slice(0, 40)})`).join("; ")}`,
    `panel health: ${panel.health.status} (Docker ${panel.health.docker ? "reachable" : "not reachable"})`,
    `target: idle RSS under ${TARGET_IDLE_RSS_MB} MB (Dokploy idles at ${DOKPLOY_IDLE_RSS})`,
    `  fresh start: ${panel.idle.rssMb.toFixed(1)} MB → ${meetsTarget(panel.idle.rssMb) ? "MET" : "NOT MET"}`,
    `  idle after the calls: ${panel.afterQuiet.rssMb.toFixed(1)} MB → ${meetsTarget(panel.afterQuiet.rssMb) ? "MET" : "NOT MET"}`,
    "",
  ];
  console.log(lines.join("\n"));
  return table;
}

async function cleanUp() {
  for (const service of started) await stopService(service);
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  dataDir = null;
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    void cleanUp().finally(() => process.exit(130));
  });
}

try {
  const buildId = await ensureBuild();
  await prepareDataDir();
  const baseline = await measureBaseline();
  const panel = await measurePanel();
  const table = report(panel, baseline, buildId);
  const result = {
    benchmark: "panel-footprint",
    at: new Date().toISOString(),
    machine: machine(loadAtStart),
    buildId,
    settings: { calls: CALLS, concurrency: CONCURRENCY, quietMs: QUIET_MS, panelCall: "GET /api/trpc/tokens.list (Bearer token)" },
    target: {
      idleRssMb: TARGET_IDLE_RSS_MB,
      dokployIdleRss: DOKPLOY_IDLE_RSS,
      metAtFreshStart: meetsTarget(panel.idle.rssMb),
      metIdleAfterCalls: meetsTarget(panel.afterQuiet.rssMb),
    },
    table,
    panel: { startMs: round(panel.startMs), health: panel.health, load: roundAll(panel.load), peakRssMb: round(panel.peakMb), idle: summary(panel.idle), afterCalls: summary(panel.afterCalls), afterQuiet: summary(panel.afterQuiet) },
    baseline: { startMs: round(baseline.startMs), load: roundAll(baseline.load), peakRssMb: round(baseline.peakMb), idle: summary(baseline.idle), afterCalls: summary(baseline.afterCalls), afterQuiet: summary(baseline.afterQuiet) },
  };
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`written to ${path.relative(process.cwd(), RESULTS_FILE) || RESULTS_FILE}`);
} catch (error) {
  console.error(`\npanel-footprint failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}

function roundAll(object) {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, typeof value === "number" ? round(value, 2) : value]));
}
