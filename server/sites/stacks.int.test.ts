import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateSettings } from "@/server/settings/settings";
import { applyTrustedProxies } from "./apply-trusted-proxies";
import { GitHost } from "@/server/testing/git-host";
import { createSiteHarness } from "@/server/testing/site-harness";
import { createTestDb } from "@/server/testing/test-db";
import { cleanupTestRun, testDocker } from "@/server/testing/test-docker";
import { sidecarName } from "./site-paths";
import fs from "node:fs/promises";
import path from "node:path";

// The other stacks through the real front server: Apache with .htaccess (and the watcher), the PHP built-in
// server, PHP sessions in the shared redis store, and the client address from trusted proxies only.
const docker = testDocker();
const { db, dataDir, cleanup } = createTestDb();
const gitHost = new GitHost(docker, { suffix: "stacks" });
let h: Awaited<ReturnType<typeof createSiteHarness>>;
let keyId = "";

const source = (repo: string) => ({ url: gitHost.sshUrl(repo), revision: "main", keyId });
const json = (body: string) => JSON.parse(body) as Record<string, unknown>;

beforeAll(async () => {
  await gitHost.start();
  h = await createSiteHarness(db, docker, dataDir, gitHost, "stacks");
  keyId = (await h.authorizedKey("stacks-key")).id;
});

afterAll(async () => {
  await h?.stop();
  await cleanupTestRun(docker);
  await gitHost.stop();
  await cleanup();
});

describe("sites: stacks", () => {
  it("Apache + PHP-FPM honours .htaccess; a changed .htaccess is applied within the debounce bound, no other site restarted", async () => {
    await gitHost.createRepo("apache-app", {
      "public/index.php": '<?php header("Content-Type: application/json"); echo json_encode(["sapi" => PHP_SAPI, "name" => $_GET["name"] ?? null, "software" => $_SERVER["SERVER_SOFTWARE"] ?? ""]);',
      "public/.htaccess": "RewriteEngine On\nRewriteRule ^hello/([a-z]+)$ index.php?name=$1 [L,QSA]\n",
    });
    const apache = await h.site({ name: h.name("apache"), domains: ["apache.test"], stack: "apache", source: source("apache-app"), webRoot: "public" });
    await gitHost.createRepo("static-other", { "index.html": "other\n" });
    const other = await h.site({ name: h.name("other"), domains: ["other.test"], stack: "php-server", source: source("static-other") });
    expect((await h.deploy(apache.id)).status).toBe("succeeded");
    expect((await h.deploy(other.id)).status).toBe("succeeded");
    const reply = await h.get("apache.test", "/hello/world");
    expect(reply.status).toBe(200);
    expect(json(reply.body)).toMatchObject({ sapi: "fpm-fcgi", name: "world" });
    expect(String(json(reply.body).software)).toContain("Apache");

    const otherBefore = await docker.containers.inspect(sidecarName(h.runtime.prefix, h.name("other"), "php"));
    const apacheBefore = await docker.containers.inspect(sidecarName(h.runtime.prefix, h.name("apache"), "apache"));
    // An admin edits .htaccess in the live release (e.g. through a shared path or by hand).
    const live = path.join(h.runtime.sitesDir, h.name("apache"), "current", "public", ".htaccess");
    await fs.writeFile(live, "RewriteEngine On\nRewriteRule ^bonjour/([a-z]+)$ index.php?name=$1 [L,QSA]\n");
    const started = Date.now();
    let answered = await h.get("apache.test", "/bonjour/monde");
    while (answered.status !== 200 && Date.now() - started < 15_000) {
      await sleep(200);
      answered = await h.get("apache.test", "/bonjour/monde");
    }
    expect(json(answered.body)).toMatchObject({ name: "monde" });
    const apacheAfter = await docker.containers.inspect(sidecarName(h.runtime.prefix, h.name("apache"), "apache"));
    expect(apacheAfter.startedAt).toBe(apacheBefore.startedAt); // graceful: the same container, no restart
    expect((await docker.containers.inspect(sidecarName(h.runtime.prefix, h.name("other"), "php"))).startedAt).toBe(otherBefore.startedAt);
  });

  it("Apache: a redeploy under a loopback load fails no request", async () => {
    const apache = await db.site.findUniqueOrThrow({ where: { name: h.name("apache") }, select: { id: true } });
    await gitHost.commit("apache-app", { "public/index.php": '<?php header("Content-Type: application/json"); echo json_encode(["sapi" => PHP_SAPI, "name" => "v2"]);' }, "v2");
    const failed: string[] = [];
    let ok = 0;
    let loading = true;
    const worker = async () => {
      while (loading) {
        const reply = await h.get("apache.test").catch((error: unknown) => ({ status: 0, body: String(error) }));
        if (reply.status === 200) ok++;
        else failed.push(`${reply.status} ${reply.body.slice(0, 80)}`);
      }
    };
    const workers = Array.from({ length: 4 }, worker);
    const run = await h.deploy(apache.id);
    await sleep(500);
    loading = false;
    await Promise.all(workers);
    expect(run.status).toBe("succeeded");
    expect(failed).toEqual([]);
    expect(ok).toBeGreaterThan(20);
    expect(json((await h.get("apache.test")).body).name).toBe("v2");
  });

  it("PHP built-in server serves the release and restarts on the next one", async () => {
    await gitHost.createRepo("cli-app", { "index.php": '<?php echo "cli " . PHP_SAPI . " v1";' });
    const site = await h.site({ name: h.name("cli"), domains: ["cli.test"], stack: "php-server", source: source("cli-app") });
    expect((await h.deploy(site.id)).status).toBe("succeeded");
    expect((await h.get("cli.test")).body).toBe("cli cli-server v1");
    await gitHost.commit("cli-app", { "index.php": '<?php echo "cli " . PHP_SAPI . " v2";' }, "v2");
    const run = await h.deploy(site.id);
    expect(run.status).toBe("succeeded");
    expect(run.steps.find((s) => s.kind === "activate")?.detail).toMatch(/built-in server restarted/);
    expect((await h.get("cli.test")).body).toBe("cli cli-server v2");
  });

  it.each(["redis", "memcached"] as const)("keeps PHP sessions in the shared %s store across two requests", async (handler) => {
    await gitHost.createRepo(`session-${handler}`, {
      "index.php": '<?php session_start(); $_SESSION["n"] = ($_SESSION["n"] ?? 0) + 1; echo json_encode(["n" => $_SESSION["n"], "handler" => ini_get("session.save_handler")]);',
    });
    const domain = `${handler}.sessions.test`;
    const site = await h.site({ name: h.name(handler.slice(0, 5)), domains: [domain], stack: "nginx-php-fpm", source: source(`session-${handler}`), php: { sessionHandler: handler } });
    expect((await h.deploy(site.id)).status).toBe("succeeded");
    const first = await h.get(domain);
    expect(json(first.body)).toEqual({ n: 1, handler });
    const cookie = (first.headers["set-cookie"] ?? [])[0]?.split(";")[0] ?? "";
    expect(cookie).toMatch(/^PHPSESSID=/);
    expect(json((await h.get(domain, "/", { cookie })).body)).toEqual({ n: 2, handler });
    // The store lives on an internal network: the sidecar reaches it, nothing is published.
    const store = await docker.containers.inspect(`${h.runtime.sessionStorePrefix}-${handler}`);
    expect(store.running).toBe(true);
    expect((await docker.networks.inspect(h.runtime.sessionNetwork))?.internal).toBe(true);
  });

  it("PHP sees the client address from X-Forwarded-For only when the peer is a trusted proxy", async () => {
    await gitHost.createRepo("ip-app", { "index.php": '<?php echo json_encode(["ip" => $_SERVER["REMOTE_ADDR"], "https" => $_SERVER["HTTPS"] ?? null]);' });
    const site = await h.site({ name: h.name("ip"), domains: ["ip.test"], stack: "nginx-php-fpm", source: source("ip-app") });
    expect((await h.deploy(site.id)).status).toBe("succeeded");
    const forwarded = { "x-forwarded-for": "203.0.113.9", "x-forwarded-proto": "https" };
    const untrusted = json((await h.get("ip.test", "/", forwarded)).body);
    expect(untrusted.ip).not.toBe("203.0.113.9");
    // The test reaches the front through the published port: nginx sees the bridge's gateway as the peer.
    // As the Settings page does: the setting, then the front's include file and a reload.
    await updateSettings(db, { trustedProxies: [`${String(untrusted.ip)}/32`] });
    expect(await applyTrustedProxies({ db, docker, runtime: h.runtime })).toBe(true);
    expect(json((await h.get("ip.test", "/", forwarded)).body)).toEqual({ ip: "203.0.113.9", https: "on" });
    expect(json((await h.get("ip.test")).body).ip).toBe(untrusted.ip);
  });
});

describe("sites: isolation in the shared front server", () => {
  it("serves a site's own shared uploads and in-repo links, never another site's files or the front's through a link", async () => {
    const victim = h.name("vict");
    await gitHost.createRepo("victim-app", { "index.html": "victim\n", "secret.txt": "the victim's secret\n" });
    const v = await h.site({ name: victim, domains: ["victim.test"], stack: "static", source: source("victim-app") });
    expect((await h.deploy(v.id)).status).toBe("succeeded");

    await gitHost.createRepo("linker-app", {
      "index.html": "linker\n",
      "docs/guide.txt": "a guide\n",
      "guide.txt": { symlink: "docs/guide.txt" },
      "steal.txt": { symlink: `/srv/slipway/sites/${victim}/current/secret.txt` },
      "passwd.txt": { symlink: "/etc/passwd" },
    });
    const l = await h.site({ name: h.name("link"), domains: ["linker.test"], stack: "static", source: source("linker-app"), sharedPaths: ["uploads/"] });
    expect((await h.deploy(l.id)).status).toBe("succeeded");
    // What the app (or an admin) puts in the shared folder is served through the release's link to it.
    await fs.writeFile(path.join(h.runtime.sitesDir, h.name("link"), "shared", "uploads", "photo.txt"), "an upload\n");

    expect((await h.get("linker.test", "/uploads/photo.txt")).body).toBe("an upload\n");
    expect((await h.get("linker.test", "/guide.txt")).body).toBe("a guide\n");
    expect((await h.get("victim.test", "/secret.txt")).body).toBe("the victim's secret\n");
    const stolen = await h.get("linker.test", "/steal.txt");
    // Refused by the symlink rule, so try_files finds nothing: 404, and not a byte of the other site's file.
    expect(stolen.status).toBe(404);
    expect(stolen.body).not.toContain("secret");
    const passwd = await h.get("linker.test", "/passwd.txt");
    expect([passwd.status, passwd.body.includes("root:")]).toEqual([404, false]);
  });
});

describe("sites: automatic build", () => {
  it("runs composer install --no-dev when the repository has composer.json; the release has the autoloader", async () => {
    await gitHost.createRepo("composer-app", {
      "composer.json": JSON.stringify({ name: "test/app", autoload: { "psr-4": { "App\\": "src/" } }, require: {} }),
      "src/Greeter.php": '<?php namespace App; final class Greeter { public static function hello(): string { return "hello from composer"; } }',
      "public/index.php": '<?php require __DIR__ . "/../vendor/autoload.php"; echo App\\Greeter::hello();',
    });
    const site = await h.site({ name: h.name("comp"), domains: ["composer.test"], stack: "nginx-php-fpm", source: source("composer-app"), webRoot: "public" });
    const run = await h.deploy(site.id);
    expect(run.status).toBe("succeeded");
    expect(run.steps.find((s) => s.kind === "build")?.detail).toMatch(/composer\.json found.*composer install --no-dev/);
    expect((await h.get("composer.test")).body).toBe("hello from composer");
  });
});

describe("sites: npm build", () => {
  it("runs npm ci && npm run build when package.json has a build script, and serves what it built", async () => {
    await gitHost.createRepo("npm-app", {
      "package.json": JSON.stringify({ name: "npm-app", version: "1.0.0", private: true, scripts: { build: "node build.js" } }),
      "package-lock.json": JSON.stringify({ name: "npm-app", version: "1.0.0", lockfileVersion: 3, requires: true, packages: { "": { name: "npm-app", version: "1.0.0" } } }),
      "build.js": 'require("fs").mkdirSync("dist", { recursive: true }); require("fs").writeFileSync("dist/index.html", "built by node " + process.version + "\\n");',
    });
    const site = await h.site({ name: h.name("npm"), domains: ["npm.test"], stack: "static", source: source("npm-app"), webRoot: "dist" });
    const run = await h.deploy(site.id);
    expect(run.status).toBe("succeeded");
    expect(run.steps.find((s) => s.kind === "build")?.detail).toMatch(/package\.json has a build script/);
    expect((await h.get("npm.test")).body).toMatch(/^built by node v\d+/);
  });
});

describe("sites: custom Dockerfile", () => {
  it("builds the app's image from the repository and routes the site to its container on the declared port", async () => {
    const files = (version: string) => ({
      Dockerfile: 'FROM slipway/test:latest\nCOPY www /www\nCMD ["httpd", "-f", "-p", "8081", "-h", "/www"]\n',
      "www/index.html": `docker app ${version}\n`,
    });
    await gitHost.createRepo("docker-app", files("v1"));
    const site = await h.site({ name: h.name("dock"), domains: ["docker.test"], stack: "dockerfile", source: source("docker-app"), appPort: 8081 });
    const first = await h.deploy(site.id);
    expect(first.status).toBe("succeeded");
    expect((await h.get("docker.test")).body).toBe("docker app v1\n");
    await gitHost.commit("docker-app", files("v2"), "v2");
    expect((await h.deploy(site.id)).status).toBe("succeeded");
    expect((await h.get("docker.test")).body).toBe("docker app v2\n");
    // Only the live release's container runs.
    const running = (await docker.containers.list({ labels: { "slipway.site": site.id } })).filter((c) => c.state === "running");
    expect(running.map((c) => c.name)).toEqual([sidecarName(h.runtime.prefix, h.name("dock"), "app", 2)]);
  });
});
