import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dockerPortFor, slipwayLabels } from "@/server/docker/port";
import { FRONT_IMAGE } from "@/server/images/slipway-images";
import { freeLoopbackPort } from "@/server/testing/free-port";
import { frontRequest, waitForFrontReply, type FrontReply, type FrontRequest } from "@/server/testing/front-probe";
import { ensureSlipwayTestImages } from "@/server/testing/slipway-test-images";
import { DockerSocketProxy } from "@/server/testing/socket-proxy";
import { cleanupTestRun, TEST_RUN_LABEL, testDocker, testRunId } from "@/server/testing/test-docker";
import { ensureFrontContainer, type FrontContainerOptions } from "./front-container";
import { FrontSupervisor, type FrontSupervisorReport } from "./front-supervisor";
import { renderSiteConfig, siteConfigFileName } from "./render-site-config";
import { siteCertificatePaths, storeSiteCertificate } from "./site-certificates";
import { writeTrustedProxies } from "./trusted-proxies";

// The front container's life cycle on the real engine: create, keep, restart, recreate, supervise, port clash.
const docker = testDocker();
const proxy = new DockerSocketProxy();
const prefix = `slipway-test-${testRunId}`;
const labels = slipwayLabels({ [TEST_RUN_LABEL]: testRunId, "slipway.kind": "front" });
const CATCH_ALL = "slipway front: no site is configured for this host\n";
let work = "";
let options: FrontContainerOptions;

beforeAll(async () => {
  await ensureSlipwayTestImages(docker, [FRONT_IMAGE]);
  work = await mkdtemp(path.join(os.tmpdir(), "slipway-front-container-"));
  options = {
    name: `${prefix}-front`,
    image: FRONT_IMAGE,
    httpPort: await freeLoopbackPort(),
    httpsPort: await freeLoopbackPort(),
    bindAddress: "127.0.0.1",
    stateDir: path.join(work, "front"),
    // Not there yet: ensureFrontContainer makes it.
    sitesDir: path.join(work, "sites"),
    network: `${prefix}-sites`,
    labels,
  };
}, 15 * 60_000);

afterAll(async () => {
  await proxy.cut();
  await cleanupTestRun(docker);
  if (work) await rm(work, { recursive: true, force: true });
});

describe("ensureFrontContainer on the real engine", () => {
  let firstId = "";

  it("creates the network and the container: the catch-all answers 200 on the HTTP port and over TLS on the HTTPS port", async () => {
    const started = Date.now();
    const result = await ensureFrontContainer(docker, options);
    expect(result.action).toBe("created");
    firstId = result.id;
    expect((await waitFor({ host: "unknown.test" }, (r) => r.status === 200)).body).toBe(CATCH_ALL);
    console.log(`[front] created and serving in ${Date.now() - started} ms`);
    const tls = await request({ host: "unknown.test", tls: true });
    expect(tls).toMatchObject({ status: 200, body: CATCH_ALL });
    expect(tls.certificate?.subject).toContain("slipway-front.invalid");
    expect(await docker.networks.inspect(options.network)).toMatchObject({ name: options.network, internal: false });
  });

  it("is restarted by the engine when nginx exits (restart policy), with no help from the panel", async () => {
    const before = await docker.containers.inspect(firstId);
    // From inside, like a crash: the engine treats a kill through its API as a deliberate stop and would not restart.
    await docker.exec.run(firstId, { cmd: ["sh", "-c", "kill -TERM 1"] });
    expect((await waitFor({ host: "unknown.test" }, (r) => r.status === 200)).body).toBe(CATCH_ALL);
    expect((await docker.containers.inspect(firstId)).startedAt).not.toBe(before.startedAt);
  });

  it("mounts the sites directory read-only at /srv/slipway/sites", async () => {
    await mkdir(path.join(options.sitesDir, "demo"), { recursive: true });
    await writeFile(path.join(options.sitesDir, "demo", "hello.txt"), "hi\n");
    expect((await docker.exec.run(firstId, { cmd: ["cat", "/srv/slipway/sites/demo/hello.txt"] })).stdout).toBe("hi\n");
    const write = await docker.exec.run(firstId, { cmd: ["touch", "/srv/slipway/sites/demo/nope"] });
    expect(write.exitCode).not.toBe(0);
    expect(write.stderr).toMatch(/Read-only file system/);
  });

  it("keeps a running container with the same settings untouched", async () => {
    const before = await docker.containers.inspect(firstId);
    const again = await ensureFrontContainer(docker, options);
    expect(again).toEqual({ id: firstId, action: "kept" });
    expect((await docker.containers.inspect(firstId)).startedAt).toBe(before.startedAt);
  });

  it("serves what Slipway writes to the state dir: trusted proxies and a site's uploaded certificate", async () => {
    expect(await writeTrustedProxies(options.stateDir, ["10.0.0.0/8", "2001:db8::/32"])).toBe(true);
    const cert = selfSignedCertificate("cert.test");
    const stored = await storeSiteCertificate(options.stateDir, "certsite", cert);
    const webRoot = "/srv/slipway/sites/certsite/current/public";
    await mkdir(path.join(options.sitesDir, "certsite/current/public"), { recursive: true });
    await writeFile(path.join(options.sitesDir, "certsite/current/public/index.html"), "cert site\n");
    const conf = renderSiteConfig({ siteId: "certsite", name: "Cert", domains: ["cert.test"], stack: "static", webRoot, certificate: siteCertificatePaths("certsite") });
    // `sites` is the symlink ensureFrontStateDir made (to staging-initial); assembleFrontConfig swaps it in real use.
    await writeFile(path.join(options.stateDir, "sites", siteConfigFileName("certsite")), conf);

    expect((await docker.exec.run(firstId, { cmd: ["nginx", "-t"] })).exitCode).toBe(0);
    await docker.containers.kill(firstId, "SIGHUP");
    const reply = await waitFor({ host: "cert.test", tls: true }, (r) => r.body === "cert site\n");
    expect(reply.certificate?.fingerprint256).toBe(stored.info.fingerprint256);
    expect(stored.info.names).toEqual(["cert.test"]);
  });

  it("still serves after the container restarts, with the state dir's files, and is then kept", async () => {
    await docker.containers.restart(firstId, 5);
    expect((await waitFor({ host: "cert.test", tls: true }, (r) => r.status === 200)).body).toBe("cert site\n");
    expect((await request({ host: "unknown.test" })).body).toBe(CATCH_ALL);
    expect(await ensureFrontContainer(docker, options)).toEqual({ id: firstId, action: "kept" });
  });

  it("starts a stopped container with the same settings instead of replacing it", async () => {
    await docker.containers.stop(firstId, 5);
    expect(await ensureFrontContainer(docker, options)).toEqual({ id: firstId, action: "started" });
    expect((await waitFor({ host: "unknown.test" }, (r) => r.status === 200)).body).toBe(CATCH_ALL);
  });

  it("recreates the container when a port changes, and the old port stops answering", async () => {
    const oldPort = options.httpPort;
    options = { ...options, httpPort: await freeLoopbackPort() };
    const started = Date.now();
    const result = await ensureFrontContainer(docker, options);
    expect(result.action).toBe("recreated");
    expect(result.id).not.toBe(firstId);
    firstId = result.id;
    expect((await waitFor({ host: "unknown.test" }, (r) => r.status === 200)).body).toBe(CATCH_ALL);
    console.log(`[front] recreated for a new port and serving in ${Date.now() - started} ms`);
    await expect(request({ host: "unknown.test", port: oldPort })).rejects.toThrow(/ECONNREFUSED|ECONNRESET|socket hang up/);
    // Only the new container carries the name.
    expect((await docker.containers.list({ labels: { [TEST_RUN_LABEL]: testRunId } })).map((c) => c.id)).toEqual([firstId]);
  });

  it("fails with the port and the setting to change when a host port is taken, and leaves the running front alone", async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const taken = (holder.address() as net.AddressInfo).port;
    try {
      const clash = { ...options, name: `${prefix}-clash`, httpPort: await freeLoopbackPort(), httpsPort: taken };
      await expect(ensureFrontContainer(docker, clash)).rejects.toThrow(
        new RegExp(`port ${taken} on 127\\.0\\.0\\.1 is already in use, so the front server cannot serve HTTPS\\. Stop what uses it, or set SLIPWAY_FRONT_HTTPS_PORT`),
      );
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
    expect((await request({ host: "unknown.test" })).status).toBe(200);
  });
});

describe("FrontSupervisor on the real engine", () => {
  it("recreates the front after it is removed, and after the engine comes back from a loss during which it was removed", async () => {
    await proxy.open();
    const reports: FrontSupervisorReport[] = [];
    const supervisor = new FrontSupervisor(dockerPortFor(`unix://${proxy.socketPath}`), options, {
      onReport: (report) => reports.push(report),
      timing: { debounceMs: 200, retryMs: 200, maxRetryMs: 1_000 },
    });
    const nextReport = async (accept: (r: FrontSupervisorReport) => boolean) => {
      const from = reports.length;
      for (;;) {
        const found = reports.slice(from).find(accept);
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    supervisor.start();
    try {
      const first = await nextReport((r) => r.ok);
      expect(first).toMatchObject({ ok: true, action: "kept" });
      const { id } = first as { id: string };

      let started = Date.now();
      await docker.containers.remove(id, { force: true });
      const recreated = await nextReport((r) => r.ok && r.action === "created");
      expect((await waitFor({ host: "unknown.test" }, (r) => r.status === 200)).body).toBe(CATCH_ALL);
      console.log(`[front] supervisor: removed → serving again in ${Date.now() - started} ms`);
      expect(recreated).toMatchObject({ ok: true });

      // A stop that the restart policy does not undo: the supervisor starts it again.
      await docker.containers.stop((recreated as { id: string }).id, 5);
      expect(await nextReport((r) => r.ok && r.action !== "kept")).toMatchObject({ ok: true, action: "started" });

      await proxy.cut();
      await docker.containers.remove((recreated as { id: string }).id, { force: true });
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      started = Date.now();
      await proxy.open();
      expect(await nextReport((r) => r.ok && r.action === "created")).toMatchObject({ ok: true });
      expect((await waitFor({ host: "unknown.test" }, (r) => r.status === 200)).body).toBe(CATCH_ALL);
      console.log(`[front] supervisor: engine back → serving again in ${Date.now() - started} ms`);
    } finally {
      await supervisor.stop();
    }
    // Stopped: removing the container now is not undone.
    const { id } = await docker.containers.inspect(options.name);
    await docker.containers.remove(id, { force: true });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await expect(docker.containers.inspect(options.name)).rejects.toThrow(/No such container/);
  }, 120_000);
});

function selfSignedCertificate(host: string): { certificate: string; privateKey: string } {
  const dir = mkdtempSync(path.join(work, "cert-"));
  execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", `/CN=${host}`, "-addext", `subjectAltName=DNS:${host}`, "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem")], { stdio: "pipe" });
  return { certificate: readFileSync(path.join(dir, "cert.pem"), "utf8"), privateKey: readFileSync(path.join(dir, "key.pem"), "utf8") };
}

type Probe = Omit<FrontRequest, "port"> & { port?: number };

/** To the current front's ports unless one is given. */
function request({ port, ...rest }: Probe): Promise<FrontReply> {
  return frontRequest({ ...rest, port: port ?? (rest.tls ? options.httpsPort : options.httpPort) });
}

function waitFor({ port, ...rest }: Probe, done: (reply: FrontReply) => boolean): Promise<FrontReply> {
  return waitForFrontReply({ ...rest, port: port ?? (rest.tls ? options.httpsPort : options.httpPort) }, done);
}
