#!/usr/bin/env node
// How fast does a run's log get from a container to a viewer, and how late? End to end: a container
// writing → Docker (json-file) → the panel's run engine (masking, the run log store on disk) → one
// live subscriber of runs.log over SSE. Against the floor measured in the same run: the same
// containers read with plain dockerode (logs, follow) in this process. Run from anywhere:
//   node bench/log-pipeline.mjs
//   node bench/log-pipeline.mjs --cpu-prof-dir=DIR   (the panel also writes a V8 CPU profile to DIR when stopped)
// Prints a table and writes bench/results/log-pipeline.json. Exits non-zero only if something failed;
// a missed target is reported, not failed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { machine } from "./lib/machine.mjs";
import { fileURLToPath } from "node:url";
import Docker from "dockerode";
import { percentile } from "./lib/http-load.mjs";
import { bearerToken, ensureBuild, prepareDataDir, startPanel, trpcMutation, trpcQuery } from "./lib/panel.mjs";
import { cpuSeconds, pidsNamed, schedSeconds, sleep, stopService, treeCpuSeconds, treeRss } from "./lib/processes.mjs";
import { readEventStream } from "./lib/sse.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RESULTS_FILE = path.join(ROOT, "bench", "results", "log-pipeline.json");
const ADMIN = { email: "bench@slipway.local", password: "bench-password-0123456789" };
const MB = 1e6;

const LINE_BYTES = 100;
const THROUGHPUT_BYTES = 200 * MB;
const THROUGHPUT_IMAGE = "slipway/test:latest";
const LATENCY_RATE = 10 * MB; // bytes per second
const LATENCY_SECONDS = 10;
const LATENCY_LINES = (LATENCY_RATE * LATENCY_SECONDS) / LINE_BYTES;
const LATENCY_IMAGE = "slipway/checkout:latest";
const TARGET_MB_PER_S = 100;
const TARGET_P99_MS = 100;

const THROUGHPUT_TIMEOUT_MS = 300_000;
const LATENCY_TIMEOUT_MS = 120_000;
const RUN_FINISH_TIMEOUT_MS = 60_000;
const SAMPLE_MS = 200;
const QUIET_MS = 5000;
const WATCHDOG_MS = 25 * 60_000;
const PROFILE_DIR = process.argv.find((a) => a.startsWith("--cpu-prof-dir="))?.slice("--cpu-prof-dir=".length) || null;

/** Every container this benchmark makes itself carries these (the panel's carry slipway.run-id). */
const SESSION = `${process.pid}-${Date.now().toString(36)}`;
const BENCH_LABELS = { "slipway.bench": "log-pipeline", "slipway.bench-session": SESSION };

// 99 characters and a newline per line: text, as fast as busybox can write it.
const THROUGHPUT_LINE = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".repeat(Math.ceil(LINE_BYTES / 62)).slice(0, LINE_BYTES - 1);
const THROUGHPUT_COMMAND = ["sh", "-c", `yes ${THROUGHPUT_LINE} | head -c ${THROUGHPUT_BYTES}`];

// Lines "lp <seq> <send time, µs since the epoch> xxx…\n" of LINE_BYTES each, paced at LATENCY_RATE:
// every ~0.5 ms it writes the lines due by then in one write, stamped with the time just before it.
const LATENCY_SCRIPT = [
  "use Time::HiRes qw(time sleep); $| = 1;",
  `my ($rate, $len, $total) = (${LATENCY_RATE}, ${LINE_BYTES}, ${LATENCY_LINES});`,
  "my $t0 = time; my $sent = 0;",
  "while ($sent < $total) {",
  "  my $due = int((time - $t0) * $rate / $len) + 1; $due = $total if $due > $total;",
  "  if ($due > $sent) {",
  "    my $buf = ''; my $us = sprintf('%.0f', time * 1e6);",
  "    for my $i ($sent .. $due - 1) { my $l = \"lp $i $us \"; $buf .= $l . ('x' x ($len - 1 - length $l)) . \"\\n\"; }",
  "    print $buf; $sent = $due;",
  "  }",
  "  sleep 0.0005;",
  "}",
].join("\n");
const LATENCY_COMMAND = ["perl", "-e", LATENCY_SCRIPT];

const docker = new Docker(); // DOCKER_HOST or /var/run/docker.sock, like the panel
const loadAtStart = os.loadavg()[0];
const notes = [];
let panel = null;
let dataDir = null;
let auth = null;
const panelRunIds = [];
const benchContainers = [];

function step(message) {
  process.stderr.write(`  … ${message}\n`);
}

// ---------------------------------------------------------------- consumers: what the reader does with the bytes

/** Counts log bytes and when the first and last arrived. */
function byteCounter() {
  const stats = { bytes: 0, firstAt: null, lastAt: null };
  return {
    stats,
    push(data, at) {
      if (data.length === 0) return;
      stats.firstAt ??= at;
      stats.lastAt = at;
      stats.bytes += data.length;
    },
    result() {
      const seconds = stats.firstAt == null ? 0 : (stats.lastAt - stats.firstAt) / 1000;
      return { bytes: stats.bytes, seconds, mbPerSecond: seconds > 0 ? stats.bytes / MB / seconds : 0 };
    },
  };
}

/**
 * Date.now() − performance.now(), taken just as Date.now() ticks: anchor + performance.now() is the wall
 * clock (the one the container stamps its lines with) at sub-millisecond resolution.
 */
function wallClockAnchor() {
  const start = Date.now();
  let now = start;
  for (let i = 0; i < 1e7 && now === start; i++) now = Date.now();
  return now - performance.now();
}

/** Parses "lp <seq> <µs>" lines (across chunk boundaries) and keeps each line's receive − send latency. */
function latencyRecorder() {
  const latencies = new Float64Array(LATENCY_LINES).fill(Number.NaN);
  const counter = byteCounter();
  const state = { rest: "", lines: 0, duplicates: 0, foreign: 0 };
  // Re-anchored every second: the wall clock may be slewed (NTP) against the monotonic one.
  let anchor = wallClockAnchor();
  const reanchor = setInterval(() => (anchor = wallClockAnchor()), 1000).unref();
  return {
    /** `at`: performance.now() when the bytes arrived. */
    push(data, at) {
      counter.push(data, at);
      const received = anchor + at;
      const lines = (state.rest + data.toString("latin1")).split("\n");
      state.rest = lines.pop();
      for (const line of lines) {
        if (!line.startsWith("lp ")) {
          state.foreign += 1;
          continue;
        }
        const second = line.indexOf(" ", 3);
        const third = line.indexOf(" ", second + 1);
        const seq = Number(line.slice(3, second));
        const sentUs = Number(line.slice(second + 1, third));
        if (!Number.isInteger(seq) || seq < 0 || seq >= LATENCY_LINES || !Number.isFinite(sentUs)) {
          state.foreign += 1;
          continue;
        }
        if (!Number.isNaN(latencies[seq])) state.duplicates += 1;
        latencies[seq] = received - sentUs / 1000;
        state.lines += 1;
      }
    },
    result() {
      clearInterval(reanchor);
      const got = latencies.filter((v) => !Number.isNaN(v)).sort();
      return {
        ...counter.result(),
        linesExpected: LATENCY_LINES,
        linesReceived: got.length,
        duplicates: state.duplicates,
        otherLines: state.foreign,
        minMs: got[0] ?? NaN,
        p50Ms: percentile(got, 50),
        p90Ms: percentile(got, 90),
        p99Ms: percentile(got, 99),
        maxMs: got[got.length - 1] ?? NaN,
      };
    },
  };
}

// ---------------------------------------------------------------- measuring CPU and memory around a phase

/**
 * CPU seconds so far of the panel, the Docker daemon (which runs the json-file log driver and serves
 * the logs) and this process (the reader); and how long the panel's and the reader's main threads have
 * waited for a CPU.
 */
function cpuNow() {
  const self = process.cpuUsage();
  return {
    at: performance.now(),
    panelWaiting: panel ? schedSeconds(panel.service.pid).waiting : 0,
    readerWaiting: schedSeconds(process.pid).waiting,
    panel: panel ? treeCpuSeconds(panel.service.pid) : 0,
    dockerd: pidsNamed("dockerd").reduce((total, pid) => total + cpuSeconds(pid), 0),
    reader: (self.user + self.system) / 1e6,
  };
}

function cpuSince(before) {
  const after = cpuNow();
  const wall = (after.at - before.at) / 1000;
  const share = (key) => round((after[key] - before[key]) / wall, 2);
  return {
    wallSeconds: round(wall, 2),
    coresUsed: { panel: share("panel"), dockerd: share("dockerd"), reader: share("reader") },
    /** Share of the wall time the main thread was runnable but waited for a CPU (other work on the machine). */
    waitingForCpu: { panel: share("panelWaiting"), reader: share("readerWaiting") },
  };
}

/** Samples the panel's RSS (process tree) every SAMPLE_MS; this process's RSS when there is no panel. */
function rssSampler() {
  let peakMb = 0;
  const sample = () => {
    const mb = panel ? treeRss(panel.service.pid).rssMb : process.memoryUsage.rss() / 2 ** 20;
    peakMb = Math.max(peakMb, mb);
  };
  sample();
  const timer = setInterval(sample, SAMPLE_MS);
  return () => {
    clearInterval(timer);
    sample();
    return round(peakMb);
  };
}

// ---------------------------------------------------------------- the baseline: dockerode in this process

/** Runs a container with plain dockerode and feeds its demultiplexed output to `consumer`. */
async function rawContainer(image, cmd, consumer, timeoutMs) {
  const since = performance.now();
  const container = await docker.createContainer({ Image: image, Cmd: cmd, Labels: BENCH_LABELS, Tty: false });
  benchContainers.push(container.id);
  try {
    await container.start();
    const stream = await container.logs({ follow: true, stdout: true, stderr: true });
    let frames = 0;
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        stream.destroy();
        reject(new Error(`the container's log did not end within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      let pending = Buffer.alloc(0);
      stream.on("data", (chunk) => {
        const at = performance.now();
        let data = pending.length ? Buffer.concat([pending, chunk]) : chunk;
        while (data.length >= 8) {
          const size = data.readUInt32BE(4);
          if (data.length < 8 + size) break;
          frames += 1;
          consumer.push(data.subarray(8, 8 + size), at);
          data = data.subarray(8 + size);
        }
        pending = data;
      });
      stream.on("end", () => {
        clearTimeout(timer);
        if (pending.length) reject(new Error(`the log stream ended inside a frame (${pending.length} bytes left)`));
        else resolve();
      });
      stream.on("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    const { StatusCode } = await container.wait();
    if (StatusCode !== 0) throw new Error(`the container (${image}) exited with ${StatusCode}`);
    return { frames, wallSeconds: (performance.now() - since) / 1000 };
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}

async function baselinePhase(name, image, cmd, consumer, timeoutMs) {
  step(`baseline ${name}: ${image} read with dockerode logs(follow) in this process`);
  const cpu = cpuNow();
  const stopSampling = rssSampler();
  const run = await rawContainer(image, cmd, consumer, timeoutMs);
  return { ...consumer.result(), frames: run.frames, containerWallSeconds: round(run.wallSeconds, 2), readerPeakRssMb: stopSampling(), cpu: cpuSince(cpu) };
}

// ---------------------------------------------------------------- the panel: a task, a run, runs.log over SSE

let printedEvent = false;

/** Triggers a run of `taskId` and follows runs.log until the stream ends; bytes of stdout/stderr go to `consumer`. */
async function panelRun(taskId, consumer, timeoutMs) {
  const base = panel.base;
  const headers = { authorization: auth };
  const triggeredAt = performance.now();
  const runId = (await trpcMutation(base, "runs.trigger", { taskId }, headers)).data.id;
  panelRunIds.push(runId);
  const sse = { events: 0, logEvents: 0, wireChars: 0, base64Chars: 0, cutEvents: 0, cutBytes: 0, systemBytes: 0, otherEvents: {}, firstByteMs: null };
  let lastEnd = 0;
  const url = `${base}/api/trpc/runs.log?input=${encodeURIComponent(JSON.stringify({ runId }))}`;
  const stream = readEventStream(url, {
    headers,
    timeoutMs,
    onFirstByte: () => (sse.firstByteMs = performance.now() - triggeredAt),
    onEvent: (event) => {
      const at = performance.now();
      sse.events += 1;
      sse.wireChars += event.data.length;
      if (event.event === "return") return "stop";
      if (event.event === "serialized-error") throw new Error(`runs.log sent an error: ${event.data.slice(0, 300)}`);
      if (event.event !== "message") {
        sse.otherEvents[event.event] = (sse.otherEvents[event.event] ?? 0) + 1;
        return undefined;
      }
      const log = JSON.parse(event.data);
      if (!printedEvent && log.stream === "stdout") {
        printedEvent = true;
        const shown = { ...log, data: `${log.data.slice(0, 24)}… (${log.data.length} base64 characters)` };
        step(`one runs.log event as sent: id: ${event.id}\\ndata: ${JSON.stringify(shown)}`);
      }
      sse.logEvents += 1;
      sse.base64Chars += log.data.length;
      if (log.offset !== lastEnd) throw new Error(`runs.log skipped from ${lastEnd} to ${log.offset}`);
      lastEnd = log.end;
      if (log.cut) {
        sse.cutEvents += 1;
        sse.cutBytes += log.end - log.offset;
        return undefined;
      }
      const data = Buffer.from(log.data, "base64");
      if (data.length !== log.end - log.offset) throw new Error(`event ${event.id}: ${data.length} bytes for [${log.offset}, ${log.end})`);
      if (log.stream === "system") sse.systemBytes += data.length;
      else consumer.push(data, at);
      return undefined;
    },
  });
  const streamed = await stream.done;
  if (streamed.timedOut) throw new Error(`runs.log did not end within ${timeoutMs / 1000} s (run ${runId})`);
  const streamSeconds = (performance.now() - triggeredAt) / 1000;
  const run = await waitForRunEnd(runId);
  const status = run.status;
  if (status !== "succeeded") throw new Error(`run ${runId} ended ${status}: ${run.reason ?? "?"}`);
  const task = run.steps.find((s) => s.kind === "task");
  const seconds = (from, to) => (from && to ? round((Date.parse(to) - Date.parse(from)) / 1000, 2) : null);
  return {
    runId,
    runStatus: status,
    store: { logSize: run.log.size, closed: run.log.closed, cut: run.log.cut },
    runWallSeconds: seconds(run.startedAt, run.finishedAt),
    taskStepWallSeconds: seconds(task?.startedAt, task?.finishedAt),
    queuedSeconds: seconds(run.createdAt, run.startedAt),
    triggerToStreamEndSeconds: round(streamSeconds, 2),
    sse: { ...sse, firstByteMs: round(sse.firstByteMs ?? NaN), lastEnd, wireCharsPerLogByte: lastEnd ? round(sse.wireChars / lastEnd, 3) : null },
  };
}

async function waitForRunEnd(runId) {
  const deadline = performance.now() + RUN_FINISH_TIMEOUT_MS;
  for (let i = 0; i < 1000 && performance.now() < deadline; i++) {
    const run = (await trpcQuery(panel.base, "runs.get", { runId }, { authorization: auth })).data;
    if (!["queued", "running"].includes(run.status)) return run;
    await sleep(200);
  }
  throw new Error(`run ${runId} did not finish within ${RUN_FINISH_TIMEOUT_MS / 1000} s after its log ended`);
}

/** Removes the (stopped) containers a finished panel run left: found by their slipway.run-id label. */
async function removeRunContainers(runId) {
  const containers = await docker.listContainers({ all: true, filters: { label: [`slipway.run-id=${runId}`] } });
  await Promise.all(containers.map((c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)));
  return containers.length;
}

async function panelPhase(name, task, consumer, timeoutMs) {
  step(`panel ${name}: task ${task.name} (${task.image}), a run, runs.log over SSE`);
  const taskId = (await trpcMutation(panel.base, "tasks.create", task, { authorization: auth })).data.id;
  const cpu = cpuNow();
  const stopSampling = rssSampler();
  const run = await panelRun(taskId, consumer, timeoutMs);
  const peakRssMb = stopSampling();
  const cpuUse = cpuSince(cpu);
  const afterRunMb = round(treeRss(panel.service.pid).rssMb);
  await removeRunContainers(run.runId);
  return { ...consumer.result(), ...run, rss: { peakMb: peakRssMb, afterRunMb }, cpu: cpuUse };
}

// ---------------------------------------------------------------- the report


const round = (n, digits = 1) => (Number.isFinite(n) ? Math.round(n * 10 ** digits) / 10 ** digits : n);
const ratio = (a, b) => (b ? round(a / b, 2) : null);

function report(result) {
  const { panel: p, baseline: b } = result;
  const rows = [
    [`ingest, ${THROUGHPUT_BYTES / MB} MB of ${LINE_BYTES}-byte lines (MB/s)`, p.throughput.mbPerSecond, b.throughput.mbPerSecond, 1],
    ["  first → last byte at the reader (s)", p.throughput.seconds, b.throughput.seconds, 2],
    ["  log bytes the reader got (MB)", p.throughput.bytes / MB, b.throughput.bytes / MB, 1],
    [`latency at ${LATENCY_RATE / MB} MB/s for ${LATENCY_SECONDS} s, p50 (ms)`, p.latency.p50Ms, b.latency.p50Ms, 2],
    ["  p90 (ms)", p.latency.p90Ms, b.latency.p90Ms, 2],
    ["  p99 (ms)", p.latency.p99Ms, b.latency.p99Ms, 2],
    ["  max (ms)", p.latency.maxMs, b.latency.maxMs, 2],
    ["  lines received", p.latency.linesReceived, b.latency.linesReceived, 0],
  ];
  const table = rows.map(([label, panelValue, baselineValue, digits]) => ({ label: label.trim(), panel: round(panelValue, digits), baseline: round(baselineValue, digits), ratio: ratio(panelValue, baselineValue) }));
  const width = Math.max(...rows.map((r) => r[0].length));
  const cell = (v) => String(v).padStart(10);
  const fmt = (v, digits) => (Number.isFinite(v) ? v.toFixed(digits) : String(v));
  const cores = (c) => `panel ${c.coresUsed.panel}, dockerd ${c.coresUsed.dockerd}, reader ${c.coresUsed.reader} (waited for a CPU: panel ${c.waitingForCpu.panel}, reader ${c.waitingForCpu.reader})`;
  const met = (ok) => (ok ? "MET" : "NOT MET");
  const lines = [
    "",
    `log-pipeline  build ${result.buildId}  ${result.machine.cpus} CPUs, ${result.machine.os}, Node ${process.version}, load average ${loadAtStart.toFixed(2)} → ${os.loadavg()[0].toFixed(2)}`,
    `${"".padEnd(width)}  ${cell("panel")}  ${cell("baseline")}  ${cell("ratio")}`,
    ...rows.map(([label, a, bb, digits]) => `${label.padEnd(width)}  ${cell(fmt(a, digits))}  ${cell(fmt(bb, digits))}  ${cell(`${fmt(ratio(a, bb), 2)}×`)}`),
    "",
    `panel, ${THROUGHPUT_BYTES / MB} MB run: store log.size ${p.throughput.store.logSize.toLocaleString("en")} bytes (closed ${p.throughput.store.closed}, cut ${JSON.stringify(p.throughput.store.cut)}); run ${p.throughput.runWallSeconds} s, task step ${p.throughput.taskStepWallSeconds} s (baseline container ${b.throughput.containerWallSeconds} s)`,
    `  SSE: ${p.throughput.sse.logEvents} log events, ${p.throughput.sse.wireCharsPerLogByte} characters of event data per log byte, ${p.throughput.sse.cutBytes.toLocaleString("en")} bytes skipped by cut markers${p.throughput.sse.cutBytes ? " (the reader fell behind the store's tail window)" : ""}`,
    `  cores used over the phase (CPU s / wall s): ${cores(p.throughput.cpu)}; baseline: ${cores(b.throughput.cpu)}`,
    `panel, latency run: ${p.latency.sse.logEvents} log events; cores used: ${cores(p.latency.cpu)}; baseline: ${cores(b.latency.cpu)}`,
    `panel RSS (process tree): idle ${p.rss.idleMb} MB; peak ${p.throughput.rss.peakMb} MB during the ${THROUGHPUT_BYTES / MB} MB run, ${p.throughput.rss.afterRunMb} MB right after; peak ${p.latency.rss.peakMb} MB during the latency run, ${p.latency.rss.afterRunMb} MB right after; ${p.rss.afterQuietMb} MB after ${QUIET_MS / 1000} s more quiet`,
    `targets: ingest ≥ ${TARGET_MB_PER_S} MB/s → ${fmt(p.throughput.mbPerSecond, 1)} MB/s ${met(result.targets.ingestMet)}; p99 < ${TARGET_P99_MS} ms at ${LATENCY_RATE / MB} MB/s → ${fmt(p.latency.p99Ms, 2)} ms ${met(result.targets.p99Met)}`,
    ...notes.map((n) => `note: ${n}`),
    "",
  ];
  console.log(lines.join("\n"));
  return table;
}

// ---------------------------------------------------------------- clean-up and the main line

async function cleanUp() {
  for (const runId of panelRunIds) await removeRunContainers(runId).catch(() => undefined);
  panelRunIds.length = 0;
  const ours = await docker.listContainers({ all: true, filters: { label: [`slipway.bench-session=${SESSION}`] } }).catch(() => []);
  for (const id of new Set([...benchContainers, ...ours.map((c) => c.Id)])) await docker.getContainer(id).remove({ force: true }).catch(() => undefined);
  benchContainers.length = 0;
  if (panel) await stopService(panel.service);
  panel = null;
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  dataDir = null;
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    void cleanUp().finally(() => process.exit(130));
  });
}

const watchdog = setTimeout(() => {
  console.error(`\nlog-pipeline failed: still running after ${WATCHDOG_MS / 60_000} min`);
  void cleanUp().finally(() => process.exit(1));
}, WATCHDOG_MS);
watchdog.unref();

async function main() {
  const build = await ensureBuild(ROOT, { rebuildWhenStale: true, step });
  notes.push(build.note);
  for (const image of [THROUGHPUT_IMAGE, LATENCY_IMAGE]) {
    await docker
      .getImage(image)
      .inspect()
      .catch(() => {
        throw new Error(`image ${image} is not on this engine (./slipway setup builds it)`);
      });
  }
  dataDir = await prepareDataDir(ROOT, ADMIN, { step });
  const nodeArgs = PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(PROFILE_DIR)}`] : [];
  if (PROFILE_DIR) notes.push(`the panel ran under the V8 CPU profiler (profile in ${path.resolve(PROFILE_DIR)}): its figures are slower than without`);
  const started = await startPanel(ROOT, dataDir, { step, nodeArgs, onStart: (service) => (panel = { service, base: null }) });
  panel = { service: started.service, base: started.base };
  auth = await bearerToken(panel.base, ADMIN, "log-pipeline");
  await sleep(QUIET_MS);
  const idleMb = round(treeRss(panel.service.pid).rssMb);

  const baseline = {};
  const measured = {};
  baseline.throughput = await baselinePhase("ingest", THROUGHPUT_IMAGE, THROUGHPUT_COMMAND, byteCounter(), THROUGHPUT_TIMEOUT_MS);
  const throughputTask = { name: "lp-ingest", image: THROUGHPUT_IMAGE, command: THROUGHPUT_COMMAND, timeoutSeconds: THROUGHPUT_TIMEOUT_MS / 1000 };
  measured.throughput = await panelPhase("ingest", throughputTask, byteCounter(), THROUGHPUT_TIMEOUT_MS);
  baseline.latency = await baselinePhase("latency", LATENCY_IMAGE, LATENCY_COMMAND, latencyRecorder(), LATENCY_TIMEOUT_MS);
  const latencyTask = { name: "lp-latency", image: LATENCY_IMAGE, command: LATENCY_COMMAND, timeoutSeconds: LATENCY_TIMEOUT_MS / 1000 };
  measured.latency = await panelPhase("latency", latencyTask, latencyRecorder(), LATENCY_TIMEOUT_MS);
  await sleep(QUIET_MS);
  measured.rss = { idleMb, afterQuietMb: round(treeRss(panel.service.pid).rssMb) };
  measured.startMs = round(started.startMs);

  for (const [name, r] of [
    ["panel ingest", measured.throughput],
    ["baseline ingest", baseline.throughput],
  ]) {
    if (r.bytes !== THROUGHPUT_BYTES && !(name.startsWith("panel") && r.sse.cutBytes > 0)) notes.push(`${name}: the reader got ${r.bytes} bytes, not ${THROUGHPUT_BYTES}`);
  }
  for (const [name, r] of [
    ["panel latency", measured.latency],
    ["baseline latency", baseline.latency],
  ]) {
    if (r.linesReceived !== LATENCY_LINES || r.duplicates || r.otherLines) notes.push(`${name}: ${r.linesReceived} of ${LATENCY_LINES} lines, ${r.duplicates} duplicates, ${r.otherLines} other lines`);
    if (r.minMs < 0) notes.push(`${name}: a negative latency (${r.minMs.toFixed(3)} ms): the clocks disagree`);
  }
  if (measured.throughput.sse.cutBytes > 0) {
    notes.push(`the live reader fell behind the store's tail window and skipped ${measured.throughput.sse.cutBytes.toLocaleString("en")} bytes (cut markers); MB/s counts only bytes it got`);
  }

  const result = {
    benchmark: "log-pipeline",
    at: new Date().toISOString(),
    machine: machine(loadAtStart),
    buildId: build.buildId,
    build: { rebuilt: build.built, note: build.note },
    settings: {
      lineBytes: LINE_BYTES,
      throughput: { bytes: THROUGHPUT_BYTES, image: THROUGHPUT_IMAGE, command: THROUGHPUT_COMMAND },
      latency: { bytesPerSecond: LATENCY_RATE, seconds: LATENCY_SECONDS, lines: LATENCY_LINES, image: LATENCY_IMAGE, command: ["perl", "-e", "(see bench/log-pipeline.mjs)"] },
      mb: "10^6 bytes",
      mbPerSecond: "log bytes the reader got / seconds from its first to its last stdout byte",
      latencyMeasure: "reader's wall clock when the event (panel) or frame (baseline) arrived − the send time in the line",
      panelReader: "GET /api/trpc/runs.log (SSE, Bearer token), base64 decoded per event, in this process",
      baselineReader: "dockerode container.logs({ follow, stdout, stderr }), demultiplexed in this process",
    },
    targets: {
      ingestMbPerSecond: TARGET_MB_PER_S,
      p99MsAt10MBps: TARGET_P99_MS,
      ingestMet: measured.throughput.mbPerSecond >= TARGET_MB_PER_S,
      p99Met: measured.latency.p99Ms < TARGET_P99_MS,
    },
    table: [],
    panel: roundAll(measured),
    baseline: roundAll(baseline),
    notes,
  };
  result.table = report(result);
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`written to ${path.relative(process.cwd(), RESULTS_FILE) || RESULTS_FILE}`);
}

function roundAll(value) {
  if (typeof value === "number") return round(value, 3);
  if (Array.isArray(value)) return value.map(roundAll);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundAll(v)]));
  return value;
}

try {
  await main();
} catch (error) {
  console.error(`\nlog-pipeline failed: ${error instanceof Error ? error.message : String(error)}`);
  if (panel?.service?.output) console.error(`--- the panel's output (tail) ---\n${panel.service.output.trim().slice(-3000)}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
