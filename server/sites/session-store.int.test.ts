import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slipwayLabels } from "@/server/docker/port";
import { MEMCACHED_IMAGE, PHP_CLI_IMAGE, REDIS_IMAGE } from "@/server/images/slipway-images";
import { ensureSlipwayTestImages } from "@/server/testing/slipway-test-images";
import { cleanupTestRun, TEST_RUN_LABEL, testDocker, testRunId } from "@/server/testing/test-docker";
import { ensureSessionStore, sessionIni, type SessionStoreKind } from "./session-store";

// The shared session stores on the real engine: PHP with the ini Slipway writes keeps a session across runs.
const docker = testDocker();
const prefix = `slipway-test-${testRunId}`;
const network = `${prefix}-sessions`;
const labels = slipwayLabels({ [TEST_RUN_LABEL]: testRunId, "slipway.kind": "session-store" });
let work = "";

beforeAll(async () => {
  await ensureSlipwayTestImages(docker, [PHP_CLI_IMAGE, REDIS_IMAGE, MEMCACHED_IMAGE]);
  work = await mkdtemp(path.join(os.tmpdir(), "slipway-sessions-"));
}, 15 * 60_000);

afterAll(async () => {
  await cleanupTestRun(docker);
  if (work) await rm(work, { recursive: true, force: true });
});

/** A PHP CLI container on the sessions network with the store's ini in Slipway's conf.d mount point. */
async function phpWithSessions(kind: SessionStoreKind, ini: string): Promise<string> {
  const confDir = path.join(work, kind);
  await mkdir(confDir, { recursive: true });
  await writeFile(path.join(confDir, "60-sessions.ini"), ini);
  const { id } = await docker.containers.create({
    name: `${prefix}-php-${kind}`,
    image: PHP_CLI_IMAGE,
    cmd: ["sleep", "infinity"],
    labels,
    networkMode: network,
    mounts: [{ type: "bind", source: confDir, target: "/etc/slipway/php/conf.d", readOnly: true }],
    stopTimeoutSeconds: 1,
  });
  await docker.containers.start(id);
  return id;
}

async function php(container: string, code: string): Promise<string> {
  const result = await docker.exec.run(container, { cmd: ["php", "-r", code] });
  if (result.exitCode !== 0) throw new Error(`php failed (exit ${result.exitCode}): ${result.stderr || result.stdout}`);
  return result.stdout;
}

describe.each([
  { kind: "redis" as const, port: 6379, handler: "redis" },
  { kind: "memcached" as const, port: 11211, handler: "memcached" },
])("$kind session store", ({ kind, port, handler }) => {
  const name = `${prefix}-sessions-${kind}`;
  let phpId = "";

  it("is created on an internal network, and kept when ensured again", async () => {
    const store = await ensureSessionStore(docker, kind, { network, labels, name });
    expect(store).toMatchObject({ kind, host: name, port, action: "created" });
    expect(await docker.networks.inspect(network)).toMatchObject({ internal: true });
    expect(await ensureSessionStore(docker, kind, { network, labels, name })).toMatchObject({ id: store.id, action: "kept" });
  });

  it("keeps a PHP session across two separate PHP processes that share the session id", async () => {
    const ini = sessionIni(kind, name, port);
    phpId = await phpWithSessions(kind, ini);
    expect(await php(phpId, 'echo ini_get("session.save_handler"), " ", ini_get("session.save_path");')).toBe(`${handler} ${kind === "redis" ? `tcp://${name}:${port}` : `${name}:${port}`}`);

    const sessionId = `slipwaytest${kind}${testRunId}`.replace(/[^A-Za-z0-9]/g, "");
    const started = Date.now();
    // The store may take a moment to accept connections after its start: retry the first write briefly.
    let written = "";
    for (let attempt = 0; attempt < 20 && written !== "written"; attempt++) {
      written = await php(phpId, `session_id("${sessionId}"); session_start(); $_SESSION["greeting"] = "hello from run 1"; session_write_close(); echo "written";`).catch(async (error: unknown) => {
        await new Promise((resolve) => setTimeout(resolve, 250));
        return String(error);
      });
    }
    expect(written).toBe("written");
    const read = await php(phpId, `session_id("${sessionId}"); session_start(); echo $_SESSION["greeting"] ?? "(nothing)";`);
    expect(read).toBe("hello from run 1");
    console.log(`[sessions] ${kind}: write + read across two PHP processes in ${Date.now() - started} ms`);
    // Another id sees nothing: the value really came from the store, by id.
    expect(await php(phpId, `session_id("other${sessionId}"); session_start(); echo $_SESSION["greeting"] ?? "(nothing)";`)).toBe("(nothing)");
  });

  it("starts a stopped store again (the same container) when ensured", async () => {
    const before = await docker.containers.inspect(name);
    await docker.containers.stop(before.id, 5);
    expect(await ensureSessionStore(docker, kind, { network, labels, name })).toMatchObject({ id: before.id, action: "started" });
  });
});

describe("sessionIni", () => {
  it("renders the handler and save path PHP expects", () => {
    expect(sessionIni("redis", "slipway-sessions-redis", 6379)).toBe(
      '; Slipway: PHP sessions in the shared redis store\nsession.save_handler = redis\nsession.save_path = "tcp://slipway-sessions-redis:6379"\n',
    );
    expect(sessionIni("memcached", "slipway-sessions-memcached", 11211)).toContain('session.save_path = "slipway-sessions-memcached:11211"\n');
    expect(() => sessionIni("redis", 'evil"\nauto_prepend_file=/x', 6379)).toThrow(/invalid session store host/);
  });
});
