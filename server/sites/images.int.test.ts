import http from "node:http";
import https from "node:https";
import type { TLSSocket } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slipwayLabels, type ExecResult, type LogChunk } from "@/server/docker/port";
import { APACHE_IMAGE, FRONT_IMAGE, PHP_CLI_IMAGE, PHP_FPM_IMAGE } from "@/server/images/slipway-images";
import { ensureSlipwayTestImages } from "@/server/testing/slipway-test-images";
import { cleanupTestRun, TEST_RUN_LABEL, testDocker, testRunId } from "@/server/testing/test-docker";
import { freeLoopbackPort } from "@/server/testing/free-port";

// The Sites images on the real engine: the front server alone, then PHP through it to each stack's sidecar.
const docker = testDocker();
const prefix = `slipway-test-${testRunId}`;
const network = `${prefix}-sites`;
const names = { front: `${prefix}-front`, fpm: `${prefix}-fpm`, apache: `${prefix}-apache`, cli: `${prefix}-cli` };
const labels = slipwayLabels({ [TEST_RUN_LABEL]: testRunId, "slipway.kind": "sites-images" });
/** A site's volume, mounted at the same absolute path in the front server and every sidecar. */
const SITE = "/srv/slipway/sites/demo";
const RELEASE = `${SITE}/releases/1`;
const FRONT_SITES = "/etc/slipway/front/sites";
const EXTENSIONS = ["mysqli", "pdo_mysql", "pgsql", "pdo_pgsql", "sqlite3", "pdo_sqlite", "curl", "gd", "intl", "mbstring", "xml", "dom", "zip", "Zend OPcache", "redis", "memcached"];

const INDEX_PHP = `<?php
error_log("slipway-test: served " . $_SERVER["REQUEST_URI"] . " by " . PHP_SAPI);
header("Content-Type: application/json");
echo json_encode([
  "sapi" => PHP_SAPI,
  "file" => __FILE__,
  "documentRoot" => $_SERVER["DOCUMENT_ROOT"] ?? null,
  "https" => $_SERVER["HTTPS"] ?? null,
  "remoteAddr" => $_SERVER["REMOTE_ADDR"] ?? null,
  "name" => $_GET["name"] ?? null,
  "memoryLimit" => ini_get("memory_limit"),
  "uploadMaxFilesize" => ini_get("upload_max_filesize"),
  "extensions" => array_merge(get_loaded_extensions(), get_loaded_extensions(true)),
]);
`;
const APP_FILES: Record<string, string> = {
  [`${RELEASE}/public/index.php`]: INDEX_PHP,
  [`${RELEASE}/public/.htaccess`]: "RewriteEngine On\nRewriteRule ^pretty/([a-z]+)$ index.php?name=$1 [L,QSA]\n",
  // The app's own FPM and ini layers (Paketo style), picked up at start from APP_ROOT.
  [`${RELEASE}/.php.fpm.d/app.conf`]: "php_admin_value[memory_limit] = 96M\n",
  [`${RELEASE}/.php.ini.d/app.ini`]: "upload_max_filesize = 7M\n",
};

type Reply = { status: number; body: string; certificate?: { fingerprint256: string; subject: string; issuer: string } };
type PhpInfo = { sapi: string; file: string; documentRoot: string | null; https: string | null; remoteAddr: string; name: string | null; memoryLimit: string; uploadMaxFilesize: string; extensions: string[] };

const ids = { front: "", fpm: "", apache: "", cli: "" };
const ports = { http: 0, https: 0 };

beforeAll(async () => {
  await ensureSlipwayTestImages(docker, [FRONT_IMAGE, PHP_CLI_IMAGE, PHP_FPM_IMAGE, APACHE_IMAGE]);
  await docker.networks.create(network, { labels });
  const volume = await docker.volumes.create(`${prefix}-site`, labels);
  const siteMount = { type: "volume" as const, source: volume.name, target: SITE };
  ids.front = await startFront(siteMount);
  await exec(ids.front, ["sh", "-c", `mkdir -p ${RELEASE}/public ${RELEASE}/.php.fpm.d ${RELEASE}/.php.ini.d && ln -s releases/1 ${SITE}/current`]);
  for (const [file, content] of Object.entries(APP_FILES)) await writeFile(ids.front, file, content);

  const sidecar = async (name: string, image: string, env: Record<string, string>) => {
    const { id } = await docker.containers.create({ name, image, env, labels, networkMode: network, mounts: [siteMount], stopTimeoutSeconds: 2 });
    await docker.containers.start(id);
    return id;
  };
  [ids.fpm, ids.apache, ids.cli] = await Promise.all([
    sidecar(names.fpm, PHP_FPM_IMAGE, { APP_ROOT: `${SITE}/current` }),
    sidecar(names.apache, APACHE_IMAGE, { WEB_ROOT: `${SITE}/current/public`, PHP_FPM_ADDRESS: `${names.fpm}:9000` }),
    sidecar(names.cli, PHP_CLI_IMAGE, { WEB_ROOT: `${SITE}/current/public`, APP_ROOT: `${SITE}/current` }),
  ]);
}, 15 * 60_000);

afterAll(async () => {
  await cleanupTestRun(docker);
});

describe("Sites images on the real engine", () => {
  it("front server: starts with an empty sites directory, validates, and answers unknown hosts with 200 on :80", async () => {
    expect((await exec(ids.front, ["ls", "-A", FRONT_SITES])).stdout).toBe("");
    expect((await exec(ids.front, ["nginx", "-t"])).stderr).toMatch(/test is successful/);
    const reply = await waitForReply({ host: "unknown.test" }, (r) => r.status === 200);
    expect(reply.body).toBe("slipway front: no site is configured for this host\n");
  });

  it("front server: :443 serves the catch-all with the self-signed certificate it generated at start", async () => {
    const reply = await request({ host: "unknown.test", tls: true });
    expect(reply.status).toBe(200);
    expect(reply.certificate?.subject).toBe(reply.certificate?.issuer);
    const onDisk = await exec(ids.front, ["openssl", "x509", "-in", "/etc/slipway/front/tls/default.crt", "-noout", "-fingerprint", "-sha256"]);
    expect(onDisk.stdout.trim().split("=")[1]).toBe(reply.certificate?.fingerprint256);
  });

  it("php-fpm: starts in the foreground, its config validates, and it logs to stderr", async () => {
    expect((await exec(ids.fpm, ["php-fpm8.2", "-t"])).stderr).toMatch(/test is successful/);
    expect(await logsOf(ids.fpm, "stderr")).toMatch(/ready to handle connections/);
    for (const id of [ids.fpm, ids.cli]) expect((await exec(id, ["composer", "--version"])).stdout).toMatch(/Composer version 2\./);
  });

  it("nginx + php-fpm: a PHP file is served through the front server by fpm, at the same absolute path", async () => {
    await addSite("php.test", phpSite("php.test"));
    const info = await waitForPhp({ host: "php.test" });
    expect(info).toMatchObject({ sapi: "fpm-fcgi", file: `${RELEASE}/public/index.php`, documentRoot: `${RELEASE}/public`, https: null });
    // The app's .php.fpm.d and .php.ini.d are layered over the image's defaults.
    expect(info).toMatchObject({ memoryLimit: "96M", uploadMaxFilesize: "7M" });
    expect(info.extensions).toEqual(expect.arrayContaining(EXTENSIONS));
    expect((await phpReply({ host: "php.test", tls: true })).https).toBe("on");
    expect((await request({ host: "php.test", path: "/.htaccess" })).status).toBe(403);
    // PHP's messages land in the sidecar's log, requests in the front server's.
    expect(await logsOf(ids.fpm, "stderr")).toMatch(/slipway-test: served \/ by fpm-fcgi/);
    expect(await logsOf(ids.front, "stdout")).toMatch(/"php\.test" "GET \/ HTTP\/1\.1" 200/);
  });

  it("front server: X-Forwarded-For and X-Forwarded-Proto count only from a configured trusted proxy", async () => {
    const forged = { "x-forwarded-for": "203.0.113.7", "x-forwarded-proto": "https" };
    const untrusted = await phpReply({ host: "php.test", headers: forged });
    expect(untrusted.remoteAddr).not.toBe("203.0.113.7");
    expect(untrusted.https).toBeNull();
    // Trust exactly the peer the front server sees (the engine's proxy for published ports).
    await writeFile(ids.front, "/etc/slipway/front/trusted-proxies.conf", `set_real_ip_from ${untrusted.remoteAddr};\n`);
    await reloadFront();
    const trusted = await waitForPhp({ host: "php.test", headers: forged }, (info) => info.remoteAddr === "203.0.113.7");
    expect(trusted.https).toBe("on");
  });

  it("Apache + php-fpm: PHP is served by the fpm sidecar and the .htaccess rewrite is honoured", async () => {
    await addSite("apache.test", proxySite("apache.test", `${names.apache}:8080`));
    const info = await waitForPhp({ host: "apache.test", path: "/pretty/world", headers: { "x-forwarded-for": "203.0.113.9" } });
    expect(info).toMatchObject({ sapi: "fpm-fcgi", name: "world", file: `${RELEASE}/public/index.php`, https: null, remoteAddr: "203.0.113.9" });
    expect((await phpReply({ host: "apache.test", path: "/pretty/tls", tls: true })).https).toBe("on");
    expect((await request({ host: "apache.test", path: "/.htaccess" })).status).toBe(403);
    expect(await logsOf(ids.apache, "stdout")).toMatch(/"apache\.test" "GET \/pretty\/world HTTP\/1\.1" 200/);
  });

  it("php-cli: the built-in server serves the release with the app's ini", async () => {
    await addSite("cli.test", proxySite("cli.test", `${names.cli}:8080`));
    const info = await waitForPhp({ host: "cli.test", path: "/index.php?name=cli" });
    expect(info).toMatchObject({ sapi: "cli-server", name: "cli", file: `${RELEASE}/public/index.php`, uploadMaxFilesize: "7M" });
    expect(info.extensions).toEqual(expect.arrayContaining(EXTENSIONS));
  });

  it("front server: a missing sidecar gives its site a 502, and the server still validates, reloads and restarts", async () => {
    await addSite("gone.test", proxySite("gone.test", `${prefix}-stopped:8080`));
    expect((await waitForReply({ host: "gone.test" }, (r) => r.status !== 200)).status).toBe(502);
    expect((await request({ host: "php.test" })).status).toBe(200);

    await docker.containers.restart(ids.front, 5);
    expect((await waitForReply({ host: "unknown.test" }, (r) => r.status === 200)).status).toBe(200);
    expect((await request({ host: "gone.test" })).status).toBe(502);
    expect((await phpReply({ host: "php.test" })).sapi).toBe("fpm-fcgi");
  });

  it("front server: slipway-front-check validates a staging directory without touching the live config", async () => {
    await writeFile(ids.front, "/tmp/staging/broken.test.conf", "server { listen 80; server_name broken.test; no_such_directive on; }\n");
    const broken = await exec(ids.front, ["slipway-front-check", "/tmp/staging"], { allowFailure: true });
    expect(broken.exitCode).not.toBe(0);
    expect(broken.stderr).toMatch(/unknown directive "no_such_directive" in \/tmp\/staging\/broken\.test\.conf/);
    await writeFile(ids.front, "/tmp/staging/broken.test.conf", phpSite("broken.test"));
    expect((await exec(ids.front, ["slipway-front-check", "/tmp/staging"])).exitCode).toBe(0);
    expect((await exec(ids.front, ["slipway-front-check"])).exitCode).toBe(0);
  });
});

function phpSite(host: string): string {
  return `server {
    listen 80;
    listen 443 ssl;
    server_name ${host};
    root ${SITE}/current/public;
    index index.php index.html;
    include /etc/nginx/slipway/deny-hidden.conf;
    location / { try_files $uri $uri/ /index.php$is_args$args; }
    location ~ \\.php$ {
        try_files $uri =404;
        set $slipway_fpm ${names.fpm}:9000;
        fastcgi_pass $slipway_fpm;
        include /etc/nginx/slipway/fastcgi-php.conf;
    }
}
`;
}

function proxySite(host: string, upstream: string): string {
  return `server {
    listen 80;
    listen 443 ssl;
    server_name ${host};
    location / {
        set $slipway_upstream http://${upstream};
        proxy_pass $slipway_upstream;
        include /etc/nginx/slipway/proxy.conf;
    }
}
`;
}

/** Writes one per-site file, validates the whole config and reloads (HUP), as the panel will. */
async function addSite(host: string, conf: string): Promise<void> {
  await writeFile(ids.front, `${FRONT_SITES}/${host}.conf`, conf);
  await exec(ids.front, ["slipway-front-check"]);
  await reloadFront();
}

async function reloadFront(): Promise<void> {
  await docker.containers.kill(ids.front, "SIGHUP");
}

async function startFront(siteMount: { type: "volume"; source: string; target: string }): Promise<string> {
  // Free ports are taken before the engine binds them; another process may win one: retry.
  for (let attempt = 1; ; attempt++) {
    const [httpPort, httpsPort] = [await freeLoopbackPort(), await freeLoopbackPort()];
    const { id } = await docker.containers.create({
      name: names.front,
      image: FRONT_IMAGE,
      labels,
      networkMode: network,
      mounts: [siteMount],
      ports: { "80/tcp": { hostPort: httpPort, hostIp: "127.0.0.1" }, "443/tcp": { hostPort: httpsPort, hostIp: "127.0.0.1" } },
      stopTimeoutSeconds: 5,
    });
    try {
      await docker.containers.start(id);
      Object.assign(ports, { http: httpPort, https: httpsPort });
      return id;
    } catch (error) {
      await docker.containers.remove(id, { force: true });
      if (attempt >= 3 || !/address already in use|port is already allocated/i.test(String(error))) throw error;
    }
  }
}


async function exec(id: string, cmd: string[], opts: { stdin?: string; allowFailure?: boolean } = {}): Promise<ExecResult> {
  const result = await docker.exec.run(id, { cmd, stdin: opts.stdin === undefined ? undefined : Buffer.from(opts.stdin) });
  if (result.exitCode !== 0 && !opts.allowFailure) throw new Error(`${cmd.join(" ")} failed (exit ${result.exitCode}): ${result.stderr || result.stdout}`);
  return result;
}

async function writeFile(id: string, file: string, content: string): Promise<void> {
  await exec(id, ["sh", "-c", 'mkdir -p "$(dirname "$1")" && cat > "$1"', "sh", file], { stdin: content });
}

async function logsOf(id: string, stream: LogChunk["stream"]): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of docker.containers.logs(id, { timeoutMs: 10_000 })) if (chunk.stream === stream) chunks.push(chunk.data);
  return Buffer.concat(chunks).toString("utf8");
}

type RequestOptions = { host: string; path?: string; tls?: boolean; headers?: Record<string, string> };

function request({ host, path: urlPath = "/", tls = false, headers = {} }: RequestOptions): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const options = { host: "127.0.0.1", port: tls ? ports.https : ports.http, path: urlPath, headers: { ...headers, host }, agent: false, timeout: 10_000 };
    const req = tls ? https.request({ ...options, servername: host, rejectUnauthorized: false }) : http.request(options);
    req.on("response", (res) => {
      const socket = res.socket as TLSSocket;
      const cert = tls ? socket.getPeerCertificate() : undefined;
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString("utf8"),
          certificate: cert ? { fingerprint256: cert.fingerprint256, subject: JSON.stringify(cert.subject), issuer: JSON.stringify(cert.issuer) } : undefined,
        }),
      );
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`no answer from ${host}${urlPath} in 10 s`)));
    req.on("error", reject);
    req.end();
  });
}

/** Repeats the request until `done` accepts the reply: reloads and container starts take effect a moment later. */
async function waitForReply(options: RequestOptions, done: (reply: Reply) => boolean, timeoutMs = 20_000): Promise<Reply> {
  const deadline = Date.now() + timeoutMs;
  let last: Reply | Error = new Error("no attempt");
  while (Date.now() < deadline) {
    last = await request(options).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    if (!(last instanceof Error) && done(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${options.host}${options.path ?? "/"} never answered as expected; last: ${last instanceof Error ? last.message : `${last.status} ${last.body.slice(0, 300)}`}`);
}

async function phpReply(options: RequestOptions): Promise<PhpInfo> {
  const reply = await request(options);
  if (reply.status !== 200) throw new Error(`${options.host}: ${reply.status} ${reply.body.slice(0, 300)}`);
  return JSON.parse(reply.body) as PhpInfo;
}

async function waitForPhp(options: RequestOptions, done: (info: PhpInfo) => boolean = () => true): Promise<PhpInfo> {
  // Until the sidecar is up, the front server answers 502 (or the catch-all before a reload): not JSON.
  const reply = await waitForReply(options, (r) => r.status === 200 && r.body.startsWith("{") && done(JSON.parse(r.body) as PhpInfo));
  return JSON.parse(reply.body) as PhpInfo;
}

