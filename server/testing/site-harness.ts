import http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { Db } from "@/server/db";
import type { DockerPort } from "@/server/docker/port";
import { createSiteRuntime } from "@/server/sites/create-site-runtime";
import { triggerDeploy } from "@/server/sites/deploy/trigger-deploy";
import { saveSite } from "@/server/sites/save-site";
import { siteInput } from "@/server/sites/site-input";
import { SitesSupervisor } from "@/server/sites/sites-supervisor";
import { syncFront } from "@/server/sites/sync-front";
import { freeLoopbackPort } from "./free-port";
import type { GitHost } from "./git-host";
import { createRunHarness } from "./run-harness";
import { TEST_RUN_LABEL, testRunId } from "./test-docker";

export interface Reply {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** One request to the front server on the loopback with a Host header (no keep-alive). */
export function frontGet(port: number, host: string, urlPath = "/", headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path: urlPath, headers: { host, ...headers }, agent: false, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), headers: res.headers }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
  });
}

/**
 * A run engine with a sites runtime of its own (front server on free loopback ports, its own Docker names),
 * checkouts on the git host's network, and a supervisor that keeps the front up.
 */
export async function createSiteHarness(db: Db, docker: DockerPort, dataDir: string, gitHost: GitHost, suffix: string) {
  const runtime = createSiteRuntime({
    dataDir,
    prefix: `slipway-test-${testRunId}-${suffix}`,
    httpPort: await freeLoopbackPort(),
    httpsPort: await freeLoopbackPort(),
    bind: "127.0.0.1",
    labels: { [TEST_RUN_LABEL]: testRunId },
  });
  const runs = createRunHarness(db, docker, dataDir, gitHost, runtime);
  const supervisor = new SitesSupervisor(db, docker, runtime, runs.masterKey);
  supervisor.start();
  const deadline = Date.now() + 60_000;
  while (!supervisor.frontReport?.ok) {
    if (Date.now() > deadline) throw new Error(`the front server did not start: ${JSON.stringify(supervisor.frontReport)}`);
    await sleep(100);
  }
  return {
    ...runs,
    runtime,
    supervisor,
    /** A site name unique to this test run (sidecar names are global on the engine). */
    name: (base: string) => `${base}-${testRunId.slice(-6)}`,
    async site(input: Record<string, unknown>, siteId?: string) {
      const site = await saveSite(db, runs.masterKey, siteInput.parse(input), siteId);
      await syncFront({ db, docker, runtime }).catch(() => undefined);
      return site;
    },
    async deploy(siteId: string, rollbackTo: number | null = null) {
      const run = await triggerDeploy(db, siteId, "test", rollbackTo);
      runs.engine.kick();
      return runs.waitForStatus(run.id, ["succeeded", "failed", "cancelled", "timed_out"], 120_000);
    },
    get: (host: string, urlPath = "/", headers: Record<string, string> = {}) => frontGet(runtime.frontHttpPort, host, urlPath, headers),
    async stop() {
      await supervisor.stop();
      await runs.cleanup();
    },
  };
}
