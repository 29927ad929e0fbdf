import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slipwayLabels } from "@/server/docker/port";
import { FRONT_IMAGE, PHP_FPM_IMAGE } from "@/server/images/slipway-images";
import { freeLoopbackPort } from "@/server/testing/free-port";
import { cleanupTestRun, TEST_RUN_LABEL, testDocker, testRunId } from "@/server/testing/test-docker";
import { assembleFrontConfig, type AssembleFrontConfigDeps } from "./assemble-front-config";
import { FrontConfigLock } from "./front-config-lock";
import { ensureFrontStateDir } from "./front-state-dir";
import type { SiteConfigInput } from "./render-site-config";

// The real front image with a shared state directory: publish, quarantine a broken site, keep the others serving.
const docker = testDocker();
const prefix = `slipway-test-${testRunId}`;
const network = `${prefix}-front`;
const labels = slipwayLabels({ [TEST_RUN_LABEL]: testRunId, "slipway.kind": "front-config" });
const SITES_ROOT = "/srv/sites";
const names = { front: `${prefix}-front`, fpm: `${prefix}-c-php` };
let stateDir = "";
let sitesDir = "";
let httpPort = 0;
let deps: AssembleFrontConfigDeps;

const site = (id: string, change: Partial<SiteConfigInput> = {}): SiteConfigInput => ({
  siteId: id,
  name: `Site ${id}`,
  domains: [`${id}.test`],
  stack: "static",
  webRoot: `${SITES_ROOT}/${id}/current/public`,
  ...change,
});
const phpSite = site("c", { stack: "nginx-php-fpm", upstream: { host: names.fpm, port: 9000 } });

beforeAll(async () => {
  stateDir = await mkdtemp(path.join(os.tmpdir(), "slipway-front-state-"));
  sitesDir = await mkdtemp(path.join(os.tmpdir(), "slipway-front-sites-"));
  await chmod(sitesDir, 0o755);
  await ensureFrontStateDir(stateDir);
  await release("a", "index.html", "site A\n");
  await release("b", "index.html", "site B\n");
  await release("c", "index.php", "<?php echo 'php ' . PHP_SAPI;\n");

  await docker.networks.create(network, { labels });
  const mounts = [{ type: "bind" as const, source: sitesDir, target: SITES_ROOT }];
  const fpm = await docker.containers.create({ name: names.fpm, image: PHP_FPM_IMAGE, env: { APP_ROOT: `${SITES_ROOT}/c/current` }, labels, networkMode: network, mounts, stopTimeoutSeconds: 1 });
  await docker.containers.start(fpm.id);
  httpPort = await freeLoopbackPort();
  const front = await docker.containers.create({
    name: names.front,
    image: FRONT_IMAGE,
    labels,
    networkMode: network,
    mounts: [...mounts, { type: "bind", source: stateDir, target: "/etc/slipway/front" }],
    ports: { "80/tcp": { hostPort: httpPort, hostIp: "127.0.0.1" } },
    stopTimeoutSeconds: 2,
  });
  await docker.containers.start(front.id);
  deps = { docker, lock: new FrontConfigLock(), stateDir, frontContainer: front.id, timeoutMs: 60_000 };
  await waitFor({ host: "unknown.test" }, (r) => r.status === 200);
}, 120_000);

afterAll(async () => {
  await cleanupTestRun(docker);
  await Promise.all([stateDir, sitesDir].filter(Boolean).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("assembleFrontConfig on the real front server", () => {
  it("publishes sites that are served by Host header", async () => {
    const result = await assembleFrontConfig(deps, [site("a"), site("b"), phpSite]);
    expect(result).toMatchObject({ published: ["a", "b", "c"], quarantined: [] });
    expect((await waitFor({ host: "a.test" }, (r) => r.body === "site A\n")).status).toBe(200);
    expect((await request({ host: "b.test" })).body).toBe("site B\n");
    expect((await waitFor({ host: "c.test" }, (r) => r.status === 200)).body).toBe("php fpm-fcgi");
  });

  it("quarantines a broken site with nginx's message; the others still update and it keeps its last good config", async () => {
    const result = await assembleFrontConfig(deps, [
      site("a", { customSnippet: "    add_header X-Version 2 always;" }),
      site("b", { customSnippet: "    no_such_directive on;" }),
      phpSite,
    ]);
    expect(result.published).toEqual(["a", "c"]);
    expect(result.quarantined).toEqual([{ siteId: "b", servingLastGood: true, error: expect.stringMatching(/unknown directive "no_such_directive" in \S+\/b\.conf:\d+/) as unknown }]);
    const a = await waitFor({ host: "a.test" }, (r) => r.headers["x-version"] === "2");
    expect(a.body).toBe("site A\n");
    expect(await request({ host: "b.test" })).toMatchObject({ status: 200, body: "site B\n" });
  });

  it("answers unknown hosts with the catch-all 200", async () => {
    expect(await request({ host: "nobody.test" })).toMatchObject({ status: 200, body: "slipway front: no site is configured for this host\n" });
  });

  it("a stopped sidecar gives only its site a 502", async () => {
    await docker.containers.stop(names.fpm, 1);
    expect((await waitFor({ host: "c.test" }, (r) => r.status !== 200)).status).toBe(502);
    expect((await request({ host: "a.test" })).status).toBe(200);
    expect((await request({ host: "b.test" })).status).toBe(200);
  });
});

async function release(id: string, file: string, content: string): Promise<void> {
  const dir = path.join(sitesDir, id, "releases", "1", "public");
  await mkdir(dir, { recursive: true, mode: 0o755 });
  await writeFile(path.join(dir, file), content, { mode: 0o644 });
  await symlink("releases/1", path.join(sitesDir, id, "current"));
}

type Reply = { status: number; body: string; headers: http.IncomingHttpHeaders };

function request({ host, urlPath = "/" }: { host: string; urlPath?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: httpPort, path: urlPath, headers: { host }, agent: false, timeout: 10_000 });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), headers: res.headers }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`no answer from ${host} in 10 s`)));
    req.on("error", reject);
    req.end();
  });
}

/** Reloads and container starts take effect a moment later: repeat until the reply is as expected. */
async function waitFor(options: { host: string }, done: (reply: Reply) => boolean, timeoutMs = 20_000): Promise<Reply> {
  const deadline = Date.now() + timeoutMs;
  let last = "no attempt";
  while (Date.now() < deadline) {
    const reply = await request(options).catch((error: unknown) => error as Error);
    if (!(reply instanceof Error) && done(reply)) return reply;
    last = reply instanceof Error ? reply.message : `${reply.status} ${reply.body.slice(0, 200)}`;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${options.host} never answered as expected; last: ${last}`);
}
