// How much does Slipway's deploy orchestration add to the work a redeploy cannot avoid? A real git host over SSH,
// the real front container, the run engine on a fresh SQLite database; a small site per stack (static, and
// nginx + PHP-FPM), deployed once as a warm-up. Then ROUNDS pairs, in alternating order:
//   slipway: commit a new version, trigger a deploy, until GET through the front (the site's Host) shows it;
//   floor:   commit a new version, then by hand on the same worktree volume and site directory: a container of
//            slipway/checkout running slipway-checkout (the same env, key on stdin, known host), one running
//            slipway-publish into the next release, a rename of a fresh `current` symlink; until shown.
// Both poll every 10 ms on new connections. Slipway's time is broken down by the run's steps, with the Docker
// calls and database queries made inside each (recorded by wrapping the port and the client it is given).
// Run from the repository root:
//   node_modules/.bin/tsx --conditions=react-server bench/deploy.ts [--rounds 7] [--stacks static,nginx-php-fpm]
// Prints the figures and writes bench/results/deploy.json. Exits non-zero only if something failed; a missed
// target is reported, not failed. Everything it creates carries slipway.test-run=<this run> and is removed.
import fs from "node:fs";
import { rm, rename, symlink } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { dockerPortFor, type DockerPort } from "@/server/docker/port";
import { CHECKOUT_IMAGE, FRONT_IMAGE, PHP_FPM_IMAGE } from "@/server/images/slipway-images";
import { openDeployKey } from "@/server/keys/open-deploy-key";
import { knownHostLines } from "@/server/runs/known-hosts";
import { COLOUR_ENV } from "@/server/runs/run-labels";
import { createSiteRuntime } from "@/server/sites/create-site-runtime";
import { siteWorktree } from "@/server/sites/deploy/deploy-context";
import { triggerDeploy } from "@/server/sites/deploy/trigger-deploy";
import { saveSite } from "@/server/sites/save-site";
import { siteInput, type Stack } from "@/server/sites/site-input";
import { containerSiteDir, hostSiteDir, siteOwnerId } from "@/server/sites/site-paths";
import { loadSite, toDeploySpec } from "@/server/sites/site-record";
import { SitesSupervisor } from "@/server/sites/sites-supervisor";
import { syncFront } from "@/server/sites/sync-front";
import { parseGitUrl } from "@/server/tasks/task-input";
import { freeLoopbackPort } from "@/server/testing/free-port";
import { GitHost } from "@/server/testing/git-host";
import { createRunHarness } from "@/server/testing/run-harness";
import { createTestDb } from "@/server/testing/test-db";
import { cleanupTestRun, TEST_RUN_LABEL, testRunId } from "@/server/testing/test-docker";
import { CallRecorder, timedDb, timedDockerPort, wallNow } from "./lib/call-spans";
import { median, report, type CaseResult, type FloorRound, type SlipwayRound } from "./lib/deploy-report";
import { machine } from "./lib/machine.mjs";
import { ensureSlipwayTestImages } from "@/server/testing/slipway-test-images";
import { writeResults } from "./lib/results";

const ROOT = path.resolve(import.meta.dirname, "..");
const argValue = (name: string): string | undefined => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const ROUNDS = Number(argValue("rounds") ?? 7);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error("--rounds needs a positive whole number");
const STACKS = (argValue("stacks") ?? "static,nginx-php-fpm").split(",");
const POLL_MS = 10;
const SERVED_TIMEOUT_MS = 60_000;
/** After a round, before the next: the engine evicts old run containers in the background after a run. */
const SETTLE_MS = 1000;
/** The floor's releases are numbered from here, so they never meet the numbers Slipway allocates. */
const FLOOR_RELEASES_FROM = 1000;
const WATCHDOG_MS = 20 * 60_000;

const LABELS = { [TEST_RUN_LABEL]: testRunId, "slipway.bench": "deploy" };
const docker: DockerPort = dockerPortFor(process.env.DOCKER_HOST);
const loadAtStart = os.loadavg()[0] ?? 0;
const notes: string[] = [];
const step = (message: string): void => void process.stderr.write(`  … ${message}\n`);

interface Case {
  stack: Extract<Stack, "static" | "nginx-php-fpm">;
  webRoot: string;
  files: (version: string) => Record<string, string>;
  /** The body GET / answers once `version` is live. */
  body: (version: string) => string;
}

const CASES: Record<string, Case> = {
  static: {
    stack: "static",
    webRoot: "",
    files: (version) => ({
      "index.html": `<!doctype html><title>bench</title><link rel="stylesheet" href="style.css"><p>version ${version}</p>\n`,
      "style.css": `body { font-family: sans-serif; } /* ${version} */\n`,
      "about.html": `<!doctype html><title>about</title><p>A small site, ${version}.</p>\n`,
    }),
    body: (version) => `<!doctype html><title>bench</title><link rel="stylesheet" href="style.css"><p>version ${version}</p>\n`,
  },
  "nginx-php-fpm": {
    stack: "nginx-php-fpm",
    webRoot: "public",
    files: (version) => ({
      "public/index.php": `<?php\nheader("Content-Type: text/plain");\necho "version ${version}\\n";\n`,
      "public/style.css": `body { font-family: sans-serif; } /* ${version} */\n`,
    }),
    body: (version) => `version ${version}\n`,
  },
};

// ---------------------------------------------------------------- HTTP through the front

function getBody(port: number, host: string): Promise<string | null> {
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path: "/", headers: { host }, agent: false, timeout: 5_000 }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve(res.statusCode === 200 ? body : null));
      res.on("error", () => resolve(null));
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(null));
  });
}

/** Polls (new connection each time, every POLL_MS) until the site answers 200 with `body`; resolves when (wall clock). */
async function waitUntilServed(port: number, host: string, body: string): Promise<number> {
  const deadline = wallNow() + SERVED_TIMEOUT_MS;
  while (wallNow() < deadline) {
    if ((await getBody(port, host)) === body) return wallNow();
    await sleep(POLL_MS);
  }
  throw new Error(`${host} did not serve the new version within ${SERVED_TIMEOUT_MS / 1000} s (last: ${JSON.stringify(await getBody(port, host))})`);
}

// ---------------------------------------------------------------- the bench's world

const testDb = createTestDb();
const { db, dataDir } = testDb;
const gitHost = new GitHost(docker, { suffix: "bench-deploy" });
const recorder = new CallRecorder();
const runtime = createSiteRuntime({
  dataDir,
  prefix: `slipway-test-${testRunId}-bench`,
  httpPort: await freeLoopbackPort(),
  httpsPort: await freeLoopbackPort(),
  bind: "127.0.0.1",
  labels: LABELS,
});
// The engine sees the port and the client through the recorder; the supervisor and the floor use the plain ones.
const runs = createRunHarness(timedDb(db, recorder), timedDockerPort(docker, recorder), dataDir, gitHost, runtime);
const supervisor = new SitesSupervisor(db, docker, runtime, runs.masterKey);

interface SiteUnderTest {
  c: Case;
  id: string;
  name: string;
  domain: string;
  repo: string;
}

async function createSite(c: Case, keyId: string): Promise<SiteUnderTest> {
  const name = `bench-${c.stack === "static" ? "static" : "php"}-${testRunId.slice(-6)}`;
  const repo = `bench-${c.stack}`;
  await gitHost.createRepo(repo, c.files("warm-up"));
  const site = await saveSite(db, runs.masterKey, siteInput.parse({ name, domains: [`${name}.bench.test`], stack: c.stack, source: { url: gitHost.sshUrl(repo), revision: "main", keyId }, webRoot: c.webRoot }));
  await syncFront({ db, docker, runtime });
  return { c, id: site.id, name, domain: `${name}.bench.test`, repo };
}

/** Triggers a deploy and waits until it has finished (untimed: the warm-up). */
async function deployOnce(site: SiteUnderTest): Promise<void> {
  const run = await triggerDeploy(db, site.id, "bench");
  runs.engine.kick();
  const done = await runs.waitForStatus(run.id, ["succeeded", "failed", "cancelled", "timed_out"], 180_000);
  if (done.status !== "succeeded") throw new Error(`the warm-up deploy of ${site.name} ${done.status}: ${done.steps.map((s) => `${s.kind} ${s.status}${s.detail ? ` (${s.detail})` : ""}`).join("; ")}`);
}

async function slipwayRound(site: SiteUnderTest, round: number): Promise<SlipwayRound> {
  const version = `slipway-${round}`;
  await gitHost.commit(site.repo, site.c.files(version), version);
  recorder.clear();
  const t0 = wallNow();
  const queued = await triggerDeploy(runs.deps.db, site.id, "bench");
  runs.engine.kick();
  const triggered = wallNow();
  const served = await waitUntilServed(runtime.frontHttpPort, site.domain, site.c.body(version));
  await runs.engine.idle();
  const run = await db.run.findUniqueOrThrow({ where: { id: queued.id }, include: { steps: { orderBy: { position: "asc" } } } });
  if (run.status !== "succeeded") throw new Error(`deploy ${run.number} of ${site.name} ${run.status}: ${run.reason ?? ""}`);
  const steps = run.steps.map((s) => {
    const from = s.startedAt?.getTime() ?? NaN;
    const to = s.finishedAt?.getTime() ?? NaN;
    return { kind: s.kind, startedAt: from, finishedAt: to, detail: s.detail ?? "", calls: recorder.within(from, to) };
  });
  return {
    round,
    t0,
    triggeredAt: triggered,
    claimedAt: run.startedAt?.getTime() ?? NaN,
    servedAt: served,
    finishedAt: run.finishedAt?.getTime() ?? NaN,
    steps,
    calls: recorder.within(t0, (run.finishedAt?.getTime() ?? t0) + 1),
  };
}

interface FloorInputs {
  volume: string;
  env: Record<string, string>;
  key: Buffer;
  siteDir: string;
}

async function floorInputs(site: SiteUnderTest, keyId: string): Promise<FloorInputs> {
  const spec = toDeploySpec(await loadSite(db, site.id));
  const url = parseGitUrl(spec.checkout.url);
  if (!url) throw new Error(`not an SSH URL: ${spec.checkout.url}`);
  // What runCheckoutStep passes (server/runs/steps/checkout-step.ts), the known host as recorded by the warm-up.
  const env = {
    ...COLOUR_ENV,
    SLIPWAY_URL: spec.checkout.url,
    SLIPWAY_HOST: url.host,
    SLIPWAY_PORT: String(url.port),
    SLIPWAY_REVISION: spec.checkout.revision,
    SLIPWAY_SUBMODULES: "0",
    SLIPWAY_DEST: `/src/${spec.checkout.mountName}`,
    SLIPWAY_KNOWN_HOSTS: (await knownHostLines(db, url.host, url.port)).join("\n"),
    SLIPWAY_HAS_KEY: "1",
  };
  if (!env.SLIPWAY_KNOWN_HOSTS) throw new Error("the warm-up recorded no host key");
  return { volume: siteWorktree(spec), env, key: await openDeployKey(db, runs.masterKey, keyId), siteDir: hostSiteDir(runtime.sitesDir, site.name) };
}

/** `docker run` by hand through the port: create, start, (stdin), wait. Resolves the container id. */
async function runContainer(name: string, spec: Omit<Parameters<DockerPort["containers"]["create"]>[0], "name" | "labels">, stdin?: Buffer): Promise<{ id: string; exitCode: number }> {
  const { id } = await docker.containers.create({ ...spec, name, labels: { ...LABELS, "slipway.kind": "bench-floor" } });
  await docker.containers.start(id);
  if (stdin) await docker.containers.writeStdin(id, stdin);
  const { exitCode } = await docker.containers.wait(id, { timeoutMs: 120_000 });
  return { id, exitCode };
}

let floorRelease = FLOOR_RELEASES_FROM;

async function floorRound(site: SiteUnderTest, inputs: FloorInputs, round: number): Promise<FloorRound> {
  const version = `floor-${round}`;
  await gitHost.commit(site.repo, site.c.files(version), version);
  const release = ++floorRelease;
  const base = `slipway-test-${testRunId}-floor-${site.name}-${round}`;
  const t0 = wallNow();
  const checkout = await runContainer(
    `${base}-checkout`,
    { image: CHECKOUT_IMAGE, cmd: ["slipway-checkout"], env: inputs.env, mounts: [{ type: "volume", source: inputs.volume, target: inputs.env.SLIPWAY_DEST ?? "/src/app" }], tmpfs: { "/run/slipway": "rw,noexec,nosuid,size=1m,mode=0700" }, openStdin: true, networkMode: gitHost.network },
    inputs.key,
  );
  const checkedOut = wallNow();
  const publish = await runContainer(`${base}-publish`, {
    image: CHECKOUT_IMAGE,
    cmd: ["slipway-publish"],
    env: { SLIPWAY_SRC: "/src/app", SLIPWAY_SITE: containerSiteDir(site.name), SLIPWAY_RELEASE: String(release), SLIPWAY_SHARED: "", SLIPWAY_UID: String(siteOwnerId(site.id)) },
    mounts: [
      { type: "volume", source: inputs.volume, target: "/src/app", readOnly: true },
      { type: "bind", source: inputs.siteDir, target: containerSiteDir(site.name) },
    ],
    networkMode: "none",
  });
  const published = wallNow();
  const temp = path.join(inputs.siteDir, `.current-floor-${release}`);
  await symlink(`releases/${release}`, temp);
  await rename(temp, path.join(inputs.siteDir, "current"));
  const switched = wallNow();
  const served = await waitUntilServed(runtime.frontHttpPort, site.domain, site.c.body(version));
  for (const [what, result] of [["checkout", checkout], ["publish", publish]] as const) {
    if (result.exitCode !== 0) {
      let output = "";
      for await (const chunk of docker.containers.logs(result.id)) output += chunk.data.toString("utf8");
      throw new Error(`floor ${what} exited with ${result.exitCode}: ${output.trim().slice(-2000)}`);
    }
  }
  await Promise.all([checkout.id, publish.id].map((id) => docker.containers.remove(id, { force: true })));
  return { round, release, checkoutMs: checkedOut - t0, publishMs: published - checkedOut, switchMs: switched - published, servedMs: served - t0, servedAfterSwitchMs: served - switched };
}

/**
 * What one database write costs here, as the engine's step updates are (one row, its own transaction): in the
 * mode the panel opens SQLite with, and with WAL and synchronous=NORMAL. On a scratch database, no load.
 */
async function diagnoseDbWrites(): Promise<Record<string, number>> {
  const scratch = createTestDb();
  try {
    const time = async (): Promise<number> => {
      const runs: number[] = [];
      for (let i = 0; i < 40; i++) {
        const started = wallNow();
        await scratch.db.$executeRawUnsafe(`UPDATE "Setting" SET "value" = '${i}' WHERE "key" = 'bench'`);
        runs.push(wallNow() - started);
      }
      return median(runs);
    };
    await scratch.db.$executeRawUnsafe(`INSERT INTO "Setting" ("key", "value") VALUES ('bench', '0')`);
    const mode = (await scratch.db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode"))[0]?.journal_mode ?? "?";
    const sync = (await scratch.db.$queryRawUnsafe<{ synchronous: number }[]>("PRAGMA synchronous"))[0]?.synchronous ?? "?";
    const asOpened = await time();
    await scratch.db.$queryRawUnsafe("PRAGMA journal_mode=WAL");
    await scratch.db.$executeRawUnsafe("PRAGMA synchronous=NORMAL");
    const wal = await time();
    return { [`one write as the panel opens the database (journal_mode=${mode}, synchronous=${sync})`]: asOpened, "one write with journal_mode=WAL, synchronous=NORMAL": wal };
  } finally {
    await scratch.cleanup();
  }
}

/** The floor's releases that are no longer live (Slipway never knows them, so never prunes them). */
async function removeFloorReleases(siteDir: string): Promise<void> {
  const live = await fs.promises.readlink(path.join(siteDir, "current")).catch(() => "");
  for (const entry of await fs.promises.readdir(path.join(siteDir, "releases"))) {
    if (Number(entry) > FLOOR_RELEASES_FROM && `releases/${entry}` !== live) await rm(path.join(siteDir, "releases", entry), { recursive: true, force: true });
  }
}

async function runCase(c: Case, keyId: string): Promise<CaseResult> {
  const site = await createSite(c, keyId);
  step(`${c.stack}: site ${site.name} on ${site.domain}; warm-up deploy`);
  const warmStarted = Date.now();
  await deployOnce(site);
  notes.push(`${c.stack}: warm-up deploy (first clone, sidecars created) took ${((Date.now() - warmStarted) / 1000).toFixed(1)} s`);
  const inputs = await floorInputs(site, keyId);
  const slipway: SlipwayRound[] = [];
  const floor: FloorRound[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const order = round % 2 === 1 ? (["slipway", "floor"] as const) : (["floor", "slipway"] as const);
    for (const who of order) {
      if (who === "slipway") slipway.push(await slipwayRound(site, round));
      else floor.push(await floorRound(site, inputs, round));
      await sleep(SETTLE_MS);
      await removeFloorReleases(inputs.siteDir);
    }
    const s = slipway.at(-1);
    const f = floor.at(-1);
    if (s && f) step(`${c.stack} round ${round} (${order.join(" first, ")}): slipway served after ${Math.round(s.servedAt - s.t0)} ms (run done after ${Math.round(s.finishedAt - s.t0)} ms), floor after ${Math.round(f.servedMs)} ms`);
  }
  return { stack: c.stack, site: site.name, slipway, floor };
}

// ---------------------------------------------------------------- the main line

let cleaned = false;
async function cleanUp(): Promise<void> {
  if (cleaned) return;
  cleaned = true;
  await supervisor.stop().catch(() => undefined);
  await runs.cleanup().catch(() => undefined);
  await cleanupTestRun(docker).catch(() => undefined);
  await gitHost.stop().catch(() => undefined);
  await testDb.cleanup().catch(() => undefined);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void cleanUp().finally(() => process.exit(130)));
const watchdog = setTimeout(() => {
  console.error(`\ndeploy failed: still running after ${WATCHDOG_MS / 60_000} min`);
  void cleanUp().finally(() => process.exit(1));
}, WATCHDOG_MS);
watchdog.unref();

async function main(): Promise<void> {
  const cases = STACKS.map((name) => {
    const c = CASES[name];
    if (!c) throw new Error(`--stacks: no case "${name}" (have ${Object.keys(CASES).join(", ")})`);
    return c;
  });
  notes.push(...(await ensureSlipwayTestImages(docker, [FRONT_IMAGE, CHECKOUT_IMAGE, ...(cases.some((c) => c.stack === "nginx-php-fpm") ? [PHP_FPM_IMAGE] : [])], step)));
  step("git host (sshd) and the front server");
  await gitHost.start();
  supervisor.start();
  const deadline = Date.now() + 60_000;
  while (!supervisor.frontReport?.ok) {
    if (Date.now() > deadline) throw new Error(`the front server did not start: ${JSON.stringify(supervisor.frontReport)}`);
    await sleep(100);
  }
  const key = await runs.authorizedKey("bench-deploy-key");
  const results: CaseResult[] = [];
  for (const c of cases) results.push(await runCase(c, key.id));

  step("diagnosis: the cost of one database write");
  const diagnosis = await diagnoseDbWrites();
  const summary = report(results, { rounds: ROUNDS, pollMs: POLL_MS, frontImage: FRONT_IMAGE, notes, diagnosis });
  const result = {
    benchmark: "deploy",
    at: new Date().toISOString(),
    machine: machine(loadAtStart),
    settings: { rounds: ROUNDS, stacks: STACKS, pollMs: POLL_MS, settleMs: SETTLE_MS },
    summary,
    diagnosis,
    cases: results,
    notes,
  };
  writeResults(ROOT, "deploy", result);
}

try {
  await main();
} catch (error) {
  console.error(`\ndeploy failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
