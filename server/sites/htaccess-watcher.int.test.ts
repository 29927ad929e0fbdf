import { mkdir, mkdtemp, readdir, rename, rm, symlink, writeFile, appendFile, chmod } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slipwayLabels } from "@/server/docker/port";
import { APACHE_IMAGE } from "@/server/images/slipway-images";
import { ensureSlipwayTestImages } from "@/server/testing/slipway-test-images";
import { freeLoopbackPort } from "@/server/testing/free-port";
import { cleanupTestRun, TEST_RUN_LABEL, testDocker, testRunId } from "@/server/testing/test-docker";
import { HtaccessWatcher } from "./htaccess-watcher";
import { restartApacheGracefully } from "./restart-apache";

// Two Apache sites on the real engine, their trees on this host as the panel sees them; one watcher for both.
const docker = testDocker();
const prefix = `slipway-test-${testRunId}`;
const labels = slipwayLabels({ [TEST_RUN_LABEL]: testRunId, "slipway.kind": "htaccess-watcher" });
const QUIET_MS = 300;
const MAX_MS = 1_500;
/** Slack for timers, inotify and a busy machine: the bound is checked, not the exact instant. */
const TOLERANCE_MS = 2_500;

interface Site {
  name: string;
  dir: string;
  port: number;
  containerId: string;
  /** When each onChange began, and how many finished. */
  changes: number[];
  finished: number;
}

const sites: Record<"a" | "b", Site> = {
  a: { name: "a", dir: "", port: 0, containerId: "", changes: [], finished: 0 },
  b: { name: "b", dir: "", port: 0, containerId: "", changes: [], finished: 0 },
};
const errors: { site: string; error: unknown }[] = [];
const watcher = new HtaccessWatcher({ quietMs: QUIET_MS, maxMs: MAX_MS, onError: (site, error) => errors.push({ site, error }) });
let tmp = "";

beforeAll(async () => {
  await ensureSlipwayTestImages(docker, [APACHE_IMAGE]);
  tmp = await mkdtemp(path.join(os.tmpdir(), "slipway-htaccess-"));
  // Apache runs as www-data in the container: the bind-mounted tree must be readable by others.
  await chmod(tmp, 0o755);
  for (const site of Object.values(sites)) {
    site.dir = path.join(tmp, site.name);
    await writeRelease(site.dir, 1, { "target-one.html": "one\n", "target-two.html": "two\n", ".htaccess": rewriteTo("target-one.html") });
    await mkdir(path.join(site.dir, "shared/logs"), { recursive: true });
    await symlink("releases/1", path.join(site.dir, "current"));
    await startApache(site);
  }
  for (const site of Object.values(sites)) {
    await waitForBody(site, "/go", "one\n");
    await watcher.watch({
      name: site.name,
      dir: site.dir,
      onChange: async () => {
        site.changes.push(Date.now());
        try {
          await restartApacheGracefully(docker, site.containerId);
        } finally {
          site.finished++;
        }
      },
    });
  }
}, 15 * 60_000);

afterAll(async () => {
  watcher.close();
  await cleanupTestRun(docker);
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe("HtaccessWatcher with Apache on the real engine", () => {
  it("watches the live tree's directories only, and constant writes of other files never fire", async () => {
    expect(watcher.watchedDirectories("a")).toBe(await countDirectories([path.join(sites.a.dir, "releases/1"), path.join(sites.a.dir, "shared")]));
    const noise = writeNoise([sites.a.dir, sites.b.dir]);
    try {
      await sleep(2 * MAX_MS + QUIET_MS);
    } finally {
      await noise.stop();
    }
    expect(noise.writes()).toBeGreaterThan(50);
    expect(sites.a.changes).toEqual([]);
    expect(sites.b.changes).toEqual([]);
    // New directories made by the noise are watched too (a .htaccess may appear in them).
    expect(watcher.watchedDirectories("a")).toBe(await countDirectories([path.join(sites.a.dir, "releases/1"), path.join(sites.a.dir, "shared")]));
    expect(errors).toEqual([]);
  });

  it("a .htaccess rewritten over and over under write noise is applied within the hard bound, by a graceful restart of that site only", async () => {
    const before = { a: await stateOf(sites.a), b: await stateOf(sites.b) };
    const htaccess = path.join(sites.a.dir, "releases/1/public/.htaccess");
    const noise = writeNoise([sites.a.dir, sites.b.dir]);
    const start = Date.now();
    let rewrites = 0;
    try {
      // Every 100 ms, well inside the quiet period: only the hard bound lets it fire.
      while (sites.a.changes.length === 0 && Date.now() - start < MAX_MS + 10_000) {
        await writeFile(htaccess, rewriteTo("target-two.html") + `# edit ${++rewrites}\n`);
        await sleep(100);
      }
    } finally {
      await noise.stop();
    }
    const [firstChange] = sites.a.changes;
    expect(firstChange, "the watcher never fired").toBeDefined();
    expect((firstChange ?? Infinity) - start).toBeLessThan(MAX_MS + TOLERANCE_MS);
    expect(rewrites).toBeGreaterThan(MAX_MS / 100 / 2);

    await settle();
    expect((await get(sites.a, "/go")).body).toBe("two\n");
    const after = { a: await stateOf(sites.a), b: await stateOf(sites.b) };
    // Graceful: the same container and process, one new Apache generation per onChange, nothing for site b.
    expect(after.a.startedAt).toBe(before.a.startedAt);
    expect(after.a.running).toBe(true);
    expect(sites.a.changes.length).toBeGreaterThanOrEqual(1);
    expect(sites.a.changes.length).toBeLessThanOrEqual(3);
    expect(after.a.generations).toBe(before.a.generations + sites.a.changes.length);
    expect(sites.b.changes).toEqual([]);
    expect(after.b).toEqual(before.b);
    expect(errors).toEqual([]);
  });

  it("a deploy (switch of current) counts, the old release no longer does, and a new directory's .htaccess does", async () => {
    const { a } = sites;
    await writeRelease(a.dir, 2, { "target-three.html": "three\n", ".htaccess": rewriteTo("target-three.html") });
    await settle();
    const changes = a.changes.length;
    const before = await stateOf(a);

    // The way a deploy switches: a new symlink renamed over the old one.
    await symlink("releases/2", path.join(a.dir, "current.next"));
    await rename(path.join(a.dir, "current.next"), path.join(a.dir, "current"));
    await waitFor(() => a.finished > changes, MAX_MS + TOLERANCE_MS + 30_000);
    await settle();
    expect(a.changes.length).toBe(changes + 1);
    expect((await get(a, "/go")).body).toBe("three\n");
    expect(watcher.watchedDirectories("a")).toBe(await countDirectories([path.join(a.dir, "releases/2"), path.join(a.dir, "shared")]));

    await writeFile(path.join(a.dir, "releases/1/public/.htaccess"), rewriteTo("target-one.html"));
    await sleep(MAX_MS + QUIET_MS + 500);
    expect(a.changes.length).toBe(changes + 1);

    await mkdir(path.join(a.dir, "releases/2/public/blog"));
    await writeFile(path.join(a.dir, "releases/2/public/blog/post.html"), "post\n");
    await sleep(200);
    await writeFile(path.join(a.dir, "releases/2/public/blog/.htaccess"), "RewriteEngine On\nRewriteRule ^latest$ post.html [L]\n");
    await waitFor(() => a.finished > changes + 1, MAX_MS + TOLERANCE_MS + 30_000);
    await settle();
    expect(a.changes.length).toBe(changes + 2);
    expect((await get(a, "/blog/latest")).body).toBe("post\n");

    const after = await stateOf(a);
    expect(after.startedAt).toBe(before.startedAt);
    expect(after.generations).toBe(before.generations + 2);
    expect(sites.b.changes).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("a graceful restart into a broken Apache config is refused and the site keeps serving", async () => {
    const { a } = sites;
    const before = await stateOf(a);
    const broken = "/etc/slipway/apache/broken.conf";
    await docker.exec.run(a.containerId, { cmd: ["sh", "-c", `echo 'NoSuchDirective on' > ${broken}`] });
    try {
      await expect(restartApacheGracefully(docker, a.containerId)).rejects.toThrow(/does not validate.*NoSuchDirective/s);
    } finally {
      await docker.exec.run(a.containerId, { cmd: ["rm", "-f", broken] });
    }
    expect((await get(a, "/go")).status).toBe(200);
    expect(await stateOf(a)).toEqual(before);
  });

  it("a failing onChange is reported for its site and the watcher goes on", async () => {
    const dir = path.join(tmp, "c");
    await writeRelease(dir, 1, { ".htaccess": rewriteTo("index.html") });
    await symlink("releases/1", path.join(dir, "current"));
    let calls = 0;
    await watcher.watch({ name: "c", dir, onChange: () => Promise.reject(new Error(`restart ${++calls} failed`)) });
    for (const edit of [1, 2]) {
      await writeFile(path.join(dir, "releases/1/public/.htaccess"), rewriteTo(`edit-${edit}.html`));
      await waitFor(() => calls === edit, MAX_MS + TOLERANCE_MS);
    }
    expect(errors.map(({ site, error }) => [site, (error as Error).message])).toEqual([
      ["c", "restart 1 failed"],
      ["c", "restart 2 failed"],
    ]);
    errors.length = 0;
    watcher.unwatch("c");
    expect(watcher.watchedDirectories("c")).toBe(0);
    await writeFile(path.join(dir, "releases/1/public/.htaccess"), rewriteTo("edit-3.html"));
    await sleep(MAX_MS + 500);
    expect(calls).toBe(2);
  });
});

function rewriteTo(target: string): string {
  return `RewriteEngine On\nRewriteRule ^go$ ${target} [L]\n`;
}

async function writeRelease(siteDir: string, release: number, files: Record<string, string>): Promise<void> {
  const publicDir = path.join(siteDir, "releases", String(release), "public");
  await mkdir(publicDir, { recursive: true });
  await writeFile(path.join(publicDir, "index.html"), `release ${release}\n`);
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(publicDir, name), content);
}

/** Writes files into the live trees every 20 ms (new files, appends, now and then a new directory) until stopped. */
function writeNoise(siteDirs: string[]) {
  let writes = 0;
  let stopped = false;
  const run = (async () => {
    for (let tick = 0; !stopped && tick < 5_000; tick++) {
      for (const dir of siteDirs) {
        const uploads = path.join(dir, "current/public/uploads", tick % 25 === 0 ? `batch-${tick}` : "");
        await mkdir(uploads, { recursive: true });
        await writeFile(path.join(uploads, `noise-${tick}.txt`), `noise ${tick}\n`);
        await appendFile(path.join(dir, "shared/logs/app.log"), `line ${tick}\n`);
        await writeFile(path.join(dir, "current/public/htaccess.txt"), `not an .htaccess ${tick}\n`);
        writes += 3;
      }
      await sleep(20);
    }
  })();
  return {
    writes: () => writes,
    stop: async () => {
      stopped = true;
      await run;
    },
  };
}

/** Waits until no onChange runs and none is pending (a burst is over after at most MAX_MS). */
async function settle(): Promise<void> {
  for (;;) {
    const seen = Object.values(sites).map((site) => site.changes.length);
    await sleep(MAX_MS + QUIET_MS);
    await waitFor(() => Object.values(sites).every((site) => site.finished === site.changes.length), 60_000);
    if (Object.values(sites).every((site, i) => site.changes.length === seen[i])) return;
  }
}

async function stateOf(site: Site) {
  const details = await docker.containers.inspect(site.containerId);
  let log = "";
  for await (const chunk of docker.containers.logs(site.containerId, { timeoutMs: 10_000 })) if (chunk.stream === "stderr") log += chunk.data.toString("utf8");
  return { startedAt: details.startedAt, running: details.running, generations: log.match(/resuming normal operations/g)?.length ?? 0 };
}

async function countDirectories(tops: string[]): Promise<number> {
  let count = 0;
  for (const top of tops) {
    count++;
    for (const entry of await readdir(top, { withFileTypes: true, recursive: true })) if (entry.isDirectory()) count++;
  }
  return count;
}

async function startApache(site: Site): Promise<void> {
  // Free ports are taken before the engine binds them; another process may win one: retry.
  for (let attempt = 1; ; attempt++) {
    const port = await freeLoopbackPort();
    const target = `/srv/slipway/sites/${site.name}`;
    const { id } = await docker.containers.create({
      name: `${prefix}-apache-${site.name}`,
      image: APACHE_IMAGE,
      labels,
      env: { WEB_ROOT: `${target}/current/public` },
      mounts: [{ type: "bind", source: site.dir, target, readOnly: true }],
      ports: { "8080/tcp": { hostPort: port, hostIp: "127.0.0.1" } },
      stopTimeoutSeconds: 2,
    });
    try {
      await docker.containers.start(id);
      Object.assign(site, { port, containerId: id });
      return;
    } catch (error) {
      await docker.containers.remove(id, { force: true });
      if (attempt >= 3 || !/address already in use|port is already allocated/i.test(String(error))) throw error;
    }
  }
}


function get(site: Site, urlPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port: site.port, path: urlPath, agent: false, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`no answer from site ${site.name} in 10 s`)));
    req.on("error", reject);
  });
}

async function waitForBody(site: Site, urlPath: string, body: string): Promise<void> {
  let last = "no attempt";
  await waitFor(async () => {
    const reply = await get(site, urlPath).catch((error: unknown) => ({ status: 0, body: String(error) }));
    last = `${reply.status} ${reply.body}`;
    return reply.body === body;
  }, 30_000).catch(() => {
    throw new Error(`site ${site.name} never served ${JSON.stringify(body)} at ${urlPath}; last: ${last}`);
  });
}

async function waitFor(done: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(50);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
