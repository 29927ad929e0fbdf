// The built panel for benchmarks: make sure `.next/` is built, a fresh data directory with an admin,
// start it on a loopback port, sign in and make an API token, and call its tRPC API.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { request, waitFor200 } from "./http-load.mjs";
import { freePort, run, startService } from "./processes.mjs";

const SOURCES = ["app", "components", "server", "next.config.ts"];

export const benchEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

const bin = (root, name) => path.join(root, "node_modules", ".bin", name);

/**
 * `.next/BUILD_ID`, building first when it is missing or (with `rebuildWhenStale`) older than a
 * source file under app/, components/, server/ or next.config.ts (tests excluded: not in the build).
 * Resolves { buildId, built, note }; `note` says what was decided and why.
 */
export async function ensureBuild(root, { rebuildWhenStale = false, step = () => {} } = {}) {
  const buildIdFile = path.join(root, ".next", "BUILD_ID");
  let reason = null;
  if (!fs.existsSync(buildIdFile)) reason = "no .next/BUILD_ID";
  else if (rebuildWhenStale) {
    const newer = newerSources(root, fs.statSync(buildIdFile).mtimeMs);
    if (newer.length) reason = `${newer.length} source file(s) newer than .next/BUILD_ID, e.g. ${path.relative(root, newer[0])}`;
  }
  if (reason) {
    step(`${reason}: next build (a few minutes)`);
    const since = performance.now();
    await run(bin(root, "next"), ["build"], { cwd: root, env: { ...benchEnv, NODE_ENV: "production" } });
    const buildId = fs.readFileSync(buildIdFile, "utf8").trim();
    const note = `rebuilt .next (${reason}) in ${Math.round((performance.now() - since) / 1000)} s: build ${buildId}`;
    step(note);
    return { buildId, built: true, note };
  }
  const buildId = fs.readFileSync(buildIdFile, "utf8").trim();
  const newer = newerSources(root, fs.statSync(buildIdFile).mtimeMs);
  const note = newer.length
    ? `build ${buildId} is older than ${newer.length} source file(s), e.g. ${path.relative(root, newer[0])}; measuring it as it is`
    : `build ${buildId} is up to date with app/, components/, server/ and next.config.ts: not rebuilt`;
  step(note);
  return { buildId, built: false, note };
}

function newerSources(root, than) {
  return SOURCES.flatMap((entry) => newerFiles(path.join(root, entry), than));
}

function newerFiles(entry, than) {
  if (!fs.existsSync(entry)) return [];
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs > than && !/\.test\.tsx?$/.test(entry) ? [entry] : [];
  return fs.readdirSync(entry).flatMap((name) => newerFiles(path.join(entry, name), than));
}

/** A fresh temporary data directory (0700) with the schema applied and an admin whose password we know. */
export async function prepareDataDir(root, admin, { step = () => {} } = {}) {
  if (!fs.existsSync(path.join(root, "prisma", "generated", "client.ts"))) {
    throw new Error("prisma/generated/client.ts is missing: run ./slipway setup (or node_modules/.bin/prisma generate) first");
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "slipway-bench-"));
  fs.chmodSync(dataDir, 0o700);
  const env = { ...benchEnv, SLIPWAY_DATA_DIR: dataDir };
  step(`data directory ${dataDir}: migrating`);
  await run(bin(root, "prisma"), ["migrate", "deploy"], { cwd: root, env });
  step("creating the admin");
  await run(bin(root, "tsx"), ["--conditions=react-server", "scripts/ensure-admin.ts"], {
    cwd: root,
    env: { ...env, NODE_ENV: "production", SLIPWAY_ADMIN_EMAIL: admin.email, SLIPWAY_ADMIN_PASSWORD: admin.password },
  });
  return dataDir;
}

/**
 * Starts the panel as production does (`node scripts/serve.mjs`, NODE_ENV=production) on 127.0.0.1 and
 * a free port; resolves once /api/health answers 200. `nodeArgs` go to node before the script (say,
 * --cpu-prof); `onStart` gets the service at once (for clean-up).
 */
export async function startPanel(root, dataDir, { timeoutMs = 60_000, nodeArgs = [], step = () => {}, onStart = () => {} } = {}) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = await panelEnv(dataDir, port);
  step(`panel: node ${[...nodeArgs, "scripts/serve.mjs"].join(" ")} on ${base}`);
  const since = performance.now();
  const service = startService(process.execPath, [...nodeArgs, "scripts/serve.mjs"], { cwd: root, env });
  onStart(service);
  try {
    const startMs = await waitFor200(`${base}/api/health`, { since, timeoutMs, isAlive: () => !service.exited });
    return { service, base, startMs };
  } catch (error) {
    throw new Error(`panel: ${error.message}\n--- its output ---\n${service.output.trim()}`);
  }
}

/**
 * The environment of a production panel on 127.0.0.1:`port`. The panel starts its own front server: on free
 * loopback ports, under Docker names of its own, removed when this process exits (a panel left running
 * would bring it back, so this waits for the exit).
 */
export async function panelEnv(dataDir, port) {
  const dockerPrefix = `slipway-bench-${process.pid}-${port}`;
  removeAtExit(dockerPrefix);
  const env = {
    ...benchEnv,
    SLIPWAY_DATA_DIR: dataDir,
    SLIPWAY_PORT: String(port),
    SLIPWAY_BIND: "127.0.0.1",
    NODE_ENV: "production",
    SLIPWAY_DOCKER_PREFIX: dockerPrefix,
    SLIPWAY_FRONT_HTTP_PORT: String(await freePort()),
    SLIPWAY_FRONT_HTTPS_PORT: String(await freePort()),
    SLIPWAY_FRONT_BIND: "127.0.0.1",
  };
  delete env.SLIPWAY_ADMIN_PASSWORD;
  return env;
}

/** At exit, removes the containers and networks whose names start with `prefix-` (docker CLI; best effort). */
function removeAtExit(prefix) {
  process.once("exit", () => {
    const ids = (args) => execFileSync("docker", args, { encoding: "utf8" }).split("\n").filter(Boolean);
    try {
      const containers = ids(["ps", "-aq", "--filter", `name=^${prefix}-`]);
      if (containers.length) execFileSync("docker", ["rm", "-f", ...containers], { stdio: "ignore" });
      const networks = ids(["network", "ls", "-q", "--filter", `name=^${prefix}-`]);
      if (networks.length) execFileSync("docker", ["network", "rm", ...networks], { stdio: "ignore" });
    } catch {
      // No docker CLI or engine: nothing was created either.
    }
  });
}

/** Signs in as `admin` and creates an API token; resolves the `Authorization` header value. */
export async function bearerToken(base, admin, name = "bench") {
  const login = await trpcMutation(base, "auth.login", admin);
  const cookie = [login.headers["set-cookie"] ?? []].flat().map((c) => c.split(";")[0]).join("; ");
  if (!cookie) throw new Error("auth.login answered 200 without a set-cookie header");
  const created = await trpcMutation(base, "tokens.create", { name }, { cookie });
  const secret = created.data?.secret;
  if (!secret) throw new Error(`tokens.create gave no secret: ${created.body.slice(0, 300)}`);
  return `Bearer ${secret}`;
}

/** POST /api/trpc/<procedure>; resolves { data (result.data), headers, body } or rejects with the error. */
export async function trpcMutation(base, procedure, input, headers = {}) {
  const res = await request(`${base}/api/trpc/${procedure}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(input),
  });
  return trpcResult(procedure, res);
}

/** GET /api/trpc/<procedure>?input=…; resolves { data, headers, body } or rejects with the error. */
export async function trpcQuery(base, procedure, input, headers = {}) {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  return trpcResult(procedure, await request(`${base}/api/trpc/${procedure}${query}`, { headers }));
}

function trpcResult(procedure, res) {
  if (res.status !== 200) throw new Error(`${procedure}: HTTP ${res.status}: ${res.body.slice(0, 300)}`);
  return { data: JSON.parse(res.body).result?.data, headers: res.headers, body: res.body };
}
