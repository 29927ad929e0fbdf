import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GitHost } from "@/server/testing/git-host";
import { createSiteHarness, frontGet } from "@/server/testing/site-harness";
import { createTestDb } from "@/server/testing/test-db";
import { cleanupTestRun, testDocker } from "@/server/testing/test-docker";
import { updateSettings } from "@/server/settings/settings";
import { deleteSite } from "./delete-site";
import { sidecarName } from "./site-paths";

// A PHP site on nginx + PHP-FPM, deployed from the test git host through the run engine, served by the
// real front server: deploy, redeploy under load, a failing health check, a rollback, a bad snippet.
const docker = testDocker();
const { db, dataDir, cleanup } = createTestDb();
const gitHost = new GitHost(docker, { suffix: "sites" });
let h: Awaited<ReturnType<typeof createSiteHarness>>;
let keyId = "";

const php = (version: string) => `<?php
header("Content-Type: application/json");
echo json_encode([
  "version" => "${version}",
  "sapi" => PHP_SAPI,
  "file" => __FILE__,
  "greeting" => getenv("APP_GREETING"),
  "secretLength" => strlen(getenv("DB_PASSWORD") ?: ""),
  "upload" => is_writable(__DIR__ . "/../uploads"),
]);
`;

beforeAll(async () => {
  await gitHost.start();
  h = await createSiteHarness(db, docker, dataDir, gitHost, "deploy");
  keyId = (await h.authorizedKey("site-key")).id;
});

afterAll(async () => {
  await h?.stop();
  await cleanupTestRun(docker);
  await gitHost.stop();
  await cleanup();
});

type Info = { version: string; sapi: string; file: string; greeting: string; secretLength: number; upload: boolean };
const info = (body: string) => JSON.parse(body) as Info;

describe("sites: a PHP site on nginx + PHP-FPM", () => {
  const domain = "php.test";
  let siteId = "";

  it("deploys: checkout, build, publish, activate, health; PHP runs in the fpm sidecar at the release path", async () => {
    await gitHost.createRepo("php-app", { "public/index.php": php("v1"), "public/health.php": "<?php echo 'ok';" });
    const site = await h.site({
      name: h.name("php"),
      domains: [domain, "www.php.test"],
      stack: "nginx-php-fpm",
      source: { url: gitHost.sshUrl("php-app"), revision: "main", keyId },
      webRoot: "public",
      sharedPaths: ["uploads/"],
      healthPath: "/health.php",
      env: [
        { name: "APP_GREETING", value: "hello", secret: false },
        { name: "DB_PASSWORD", value: "s3cret-db-password", secret: true },
      ],
    });
    siteId = site.id;
    const run = await h.deploy(siteId);
    expect(run.reason).toBeNull();
    expect(run.steps.map((s) => [s.kind, s.status])).toEqual([
      ["checkout", "succeeded"],
      ["build", "succeeded"],
      ["publish", "succeeded"],
      ["activate", "succeeded"],
      ["health", "succeeded"],
    ]);
    expect(run.status).toBe("succeeded");
    const reply = await h.get(domain);
    expect(reply.status).toBe(200);
    const body = info(reply.body);
    expect(body).toMatchObject({ version: "v1", sapi: "fpm-fcgi", greeting: "hello", secretLength: 18, upload: true });
    expect(body.file).toBe(`/srv/slipway/sites/${h.name("php")}/releases/1/public/index.php`);
    expect(info((await h.get("www.php.test")).body).version).toBe("v1");
    // The secret reaches PHP through a mounted file: never the container's environment or the database.
    const fpm = await docker.containers.inspect(sidecarName(h.runtime.prefix, h.name("php"), "fpm"));
    expect(JSON.stringify(fpm)).not.toContain("s3cret-db-password");
    expect(fs.readFileSync(path.join(dataDir, "slipway.db")).includes("s3cret-db-password")).toBe(false);
    expect(await db.siteRelease.findMany({ where: { siteId }, select: { number: true, status: true } })).toEqual([{ number: 1, status: "active" }]);
  });

  it("redeploys while a loopback load runs: no request fails, and the new release is served", async () => {
    await gitHost.commit("php-app", { "public/index.php": php("v2") }, "v2");
    const results = { ok: 0, failed: [] as string[], versions: new Set<string>() };
    let loading = true;
    const worker = async () => {
      while (loading) {
        try {
          const reply = await frontGet(h.runtime.frontHttpPort, domain);
          if (reply.status === 200) {
            results.ok++;
            results.versions.add(info(reply.body).version);
          } else results.failed.push(`HTTP ${reply.status}`);
        } catch (error) {
          results.failed.push(String(error));
        }
      }
    };
    const workers = Array.from({ length: 4 }, worker);
    const run = await h.deploy(siteId);
    await sleep(300);
    loading = false;
    await Promise.all(workers);
    expect(run.status).toBe("succeeded");
    expect(results.failed).toEqual([]);
    expect(results.ok).toBeGreaterThan(20);
    expect([...results.versions].sort()).toEqual(["v1", "v2"]);
    expect(info((await h.get(domain)).body).version).toBe("v2");
    const releases = await db.siteRelease.findMany({ where: { siteId }, orderBy: { number: "asc" }, select: { number: true, status: true } });
    expect(releases).toEqual([
      { number: 1, status: "previous" },
      { number: 2, status: "active" },
    ]);
  });

  it("rolls back by itself when the new release fails its health check; the old content is still served", async () => {
    await gitHost.commit("php-app", { "public/index.php": php("v3"), "public/health.php": "<?php http_response_code(500); echo 'database down';" }, "broken");
    const run = await h.deploy(siteId);
    expect(run.status).toBe("failed");
    expect(run.reason).toMatch(/Health check failed: GET php\.test\/health\.php .*HTTP 500: database down.*Switched back to release #2/);
    expect(info((await h.get(domain)).body).version).toBe("v2");
    expect(await db.siteRelease.findUnique({ where: { siteId_number: { siteId, number: 3 } }, select: { status: true } })).toEqual({ status: "bad" });
  });

  it("rolls back to a kept release on request; the release left is marked bad", async () => {
    const run = await h.deploy(siteId, 1);
    expect(run.steps.map((s) => [s.kind, s.status])).toEqual([
      ["activate", "succeeded"],
      ["health", "succeeded"],
    ]);
    expect(info((await h.get(domain)).body).version).toBe("v1");
    const statuses = await db.siteRelease.findMany({ where: { siteId }, orderBy: { number: "asc" }, select: { number: true, status: true } });
    expect(statuses).toEqual([
      { number: 1, status: "active" },
      { number: 2, status: "bad" },
      { number: 3, status: "bad" },
    ]);
  });

  it("quarantines a site with a broken custom snippet: the other site still serves and still deploys", async () => {
    await gitHost.createRepo("static-b", { "index.html": "<h1>site b</h1>\n" });
    const b = await h.site({ name: h.name("b"), domains: ["b.test"], stack: "static", source: { url: gitHost.sshUrl("static-b"), revision: "main", keyId } });
    // Saved, not deployed yet: a plain answer that says so (not nginx's 404, not the catch-all).
    const before = await h.get("b.test");
    expect([before.status, before.body, before.headers["content-type"]]).toEqual([503, expect.stringMatching(/no live release .*deploy it in Slipway/), "text/plain"]);
    expect((await h.deploy(b.id)).status).toBe("succeeded");
    expect((await h.get("b.test")).body).toContain("site b");

    await h.site({ name: h.name("b"), domains: ["b.test"], stack: "static", source: { url: gitHost.sshUrl("static-b"), revision: "main", keyId }, customSnippet: "add_header X-Broken;" }, b.id);
    const quarantined = await db.site.findUniqueOrThrow({ where: { id: b.id }, select: { frontStatus: true, frontError: true } });
    expect(quarantined.frontStatus).toBe("quarantined");
    expect(quarantined.frontError).toMatch(/invalid number of arguments in "add_header"[\s\S]*last good config keeps serving/);
    // B keeps its last good config; A keeps serving and deploying.
    expect((await h.get("b.test")).body).toContain("site b");
    await gitHost.commit("php-app", { "public/index.php": php("v4"), "public/health.php": "<?php echo 'ok';" }, "v4");
    expect((await h.deploy(siteId)).status).toBe("succeeded");
    expect(info((await h.get(domain)).body).version).toBe("v4");
    const bDeploy = await h.deploy(b.id);
    expect(bDeploy.status).toBe("failed");
    expect(bDeploy.reason).toMatch(/nginx refused this site's config/);
  });

  it("a failed build never touches current; releases beyond the kept number are removed after a good deploy", async () => {
    const current = path.join(h.runtime.sitesDir, h.name("php"), "current");
    const before = fs.readlinkSync(current);
    const site = await db.site.findUniqueOrThrow({ where: { id: siteId }, select: { buildMode: true } });
    await db.site.update({ where: { id: siteId }, data: { buildMode: "custom", buildCommand: JSON.stringify(["sh", "-c", "echo compiling; exit 3"]) } });
    const failed = await h.deploy(siteId);
    expect(failed.status).toBe("failed");
    expect(failed.reason).toMatch(/exited with code 3; the live release is untouched/);
    expect(failed.steps.map((s) => s.status)).toEqual(["succeeded", "failed", "skipped", "skipped", "skipped"]);
    expect(fs.readlinkSync(current)).toBe(before);
    expect(info((await h.get(domain)).body).version).toBe("v4");

    await db.site.update({ where: { id: siteId }, data: { buildMode: site.buildMode, buildCommand: null } });
    await updateSettings(db, { keepReleases: 2 });
    await gitHost.commit("php-app", { "public/index.php": php("v5") }, "v5");
    const good = await h.deploy(siteId);
    expect(good.status).toBe("succeeded");
    expect(good.steps.find((s) => s.kind === "health")?.detail).toMatch(/Removed \d+ old release/);
    const kept = await db.siteRelease.findMany({ where: { siteId, status: { not: "removed" } }, orderBy: { number: "asc" }, select: { number: true, status: true } });
    expect(kept).toHaveLength(2);
    expect(kept[1]?.status).toBe("active");
    const onDisk = fs.readdirSync(path.join(h.runtime.sitesDir, h.name("php"), "releases")).filter((d) => !d.startsWith(".")).sort();
    expect(onDisk).toEqual(kept.map((r) => String(r.number)).sort());
  });

  it("answers unknown hosts with the catch-all 200", async () => {
    const reply = await h.get("nobody.example");
    expect(reply.status).toBe(200);
  });

  it("brings a site back after its container and its PHP config were removed (what a panel start does)", async () => {
    await docker.containers.remove(sidecarName(h.runtime.prefix, h.name("php"), "fpm"), { force: true });
    fs.rmSync(path.join(h.runtime.configDir, h.name("php")), { recursive: true, force: true });
    expect((await h.get(domain)).status).toBe(502);
    await h.supervisor.restore();
    const body = info((await h.get(domain)).body);
    expect(body).toMatchObject({ version: "v5", sapi: "fpm-fcgi", greeting: "hello", secretLength: 18 });
  });

  it("serves again after `docker restart` of the front server", async () => {
    await docker.containers.restart(h.runtime.frontContainer, 5);
    const deadline = Date.now() + 20_000;
    let reply = await h.get(domain).catch(() => null);
    while ((reply?.status ?? 0) !== 200 && Date.now() < deadline) {
      await sleep(200);
      reply = await h.get(domain).catch(() => null);
    }
    expect(reply?.status).toBe(200);
    expect(info(reply?.body ?? "{}").version).toBe("v5");
  });

  it("deleting a site stops serving it and removes its containers, worktree and files", async () => {
    const b = await db.site.findUniqueOrThrow({ where: { name: h.name("b") }, select: { id: true } });
    expect((await docker.volumes.list({ "slipway.kind": "worktree", "slipway.owner": b.id })).length).toBe(1);
    await deleteSite(db, docker, h.runtime, b.id);
    const reply = await h.get("b.test");
    expect(reply.body).not.toContain("site b"); // the catch-all answers now
    expect(await docker.volumes.list({ "slipway.kind": "worktree", "slipway.owner": b.id })).toEqual([]);
    expect(await docker.containers.list({ labels: { "slipway.task": b.id } })).toEqual([]);
    expect(fs.existsSync(path.join(h.runtime.sitesDir, h.name("b")))).toBe(false);
    expect(info((await h.get(domain)).body).version).toBe("v5");
  });
});
