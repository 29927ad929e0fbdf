import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restartDockerDaemon } from "@/server/testing/docker-daemon";
import { GitHost } from "@/server/testing/git-host";
import { createSiteHarness } from "@/server/testing/site-harness";
import { createTestDb } from "@/server/testing/test-db";
import { cleanupTestRun, testDocker } from "@/server/testing/test-docker";

// After the Docker daemon restarts (an upgrade, a crash, a reboot), every site serves again by itself:
// restart policies bring the containers back; the supervisor re-checks the front when the engine returns.
const docker = testDocker();
const { db, dataDir, cleanup } = createTestDb();
const gitHost = new GitHost(docker, { suffix: "daemon" });
let h: Awaited<ReturnType<typeof createSiteHarness>>;

beforeAll(async () => {
  await gitHost.start();
  h = await createSiteHarness(db, docker, dataDir, gitHost, "daemon");
});

afterAll(async () => {
  await h?.stop();
  await cleanupTestRun(docker);
  await gitHost.stop();
  await cleanup();
});

async function eventually(host: string, expected: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    const reply = await h.get(host).catch((error: unknown) => ({ status: 0, body: String(error) }));
    if (reply.status === 200 && reply.body.includes(expected)) return reply.body;
    last = `${reply.status} ${reply.body.slice(0, 100)}`;
    await sleep(250);
  }
  throw new Error(`${host} did not serve "${expected}" within ${timeoutMs} ms (last: ${last})`);
}

describe("sites: Docker daemon restart", () => {
  it("serves a static and a PHP site again after the daemon restarts", async () => {
    const keyId = (await h.authorizedKey("daemon-key")).id;
    await gitHost.createRepo("daemon-static", { "index.html": "static after restart\n" });
    await gitHost.createRepo("daemon-php", { "index.php": '<?php echo "php " . PHP_SAPI;' });
    const source = (repo: string) => ({ url: gitHost.sshUrl(repo), revision: "main", keyId });
    const a = await h.site({ name: h.name("dstatic"), domains: ["static.daemon.test"], stack: "static", source: source("daemon-static") });
    const b = await h.site({ name: h.name("dphp"), domains: ["php.daemon.test"], stack: "nginx-php-fpm", source: source("daemon-php") });
    expect((await h.deploy(a.id)).status).toBe("succeeded");
    expect((await h.deploy(b.id)).status).toBe("succeeded");

    await restartDockerDaemon(docker);
    expect(await eventually("static.daemon.test", "static after restart", 60_000)).toContain("static");
    expect(await eventually("php.daemon.test", "php fpm-fcgi", 60_000)).toBe("php fpm-fcgi");
  }, 180_000);
});
