import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDeployKey } from "@/server/keys/open-deploy-key";
import { triggerRun } from "@/server/runs/trigger-run";
import { GitHost } from "@/server/testing/git-host";
import { createRunHarness } from "@/server/testing/run-harness";
import { createTestDb } from "@/server/testing/test-db";
import { cleanupTestRun, testDocker, testRunId } from "@/server/testing/test-docker";

const docker = testDocker();
const { db, dataDir, cleanup } = createTestDb();
const gitHost = new GitHost(docker, { suffix: "runs" });
let h: ReturnType<typeof createRunHarness>;

beforeAll(async () => {
  await gitHost.start();
  h = createRunHarness(db, docker, dataDir, gitHost);
});

afterAll(async () => {
  await h?.cleanup();
  await cleanupTestRun(docker);
  await gitHost.stop();
  await cleanup();
});

async function runToEnd(taskId: string) {
  const run = await triggerRun(db, taskId, "test");
  h.engine.kick();
  return h.waitForStatus(run.id, ["succeeded", "failed", "cancelled", "timed_out"]);
}

describe("runs: checkout with a deploy key, then the task", () => {
  it("clones with the registered key, runs the task on the worktree and stores its coloured output", async () => {
    const key = await h.authorizedKey("app-key");
    await gitHost.createRepo("app", { "hello.txt": "hello from git\n", "bin/run.sh": "echo run" });
    const task = await h.task({
      name: "show-app",
      image: "slipway/test:latest",
      command: ["sh", "-c", 'cat hello.txt; printf "\\033[32mgreen\\033[0m\\n"; echo "TERM=$TERM FORCE_COLOR=$FORCE_COLOR"'],
      checkouts: [{ url: gitHost.sshUrl("app"), revision: "main", keyId: key.id }],
    });
    const run = await runToEnd(task.id);
    expect(run.status).toBe("succeeded");
    expect(run.steps.map((s) => [s.kind, s.status])).toEqual([["checkout", "succeeded"], ["task", "succeeded"]]);
    expect(run.steps[0]?.detail).toMatch(/First contact with .*: recorded host key ssh-ed25519 SHA256:/);
    const log = await h.logText(run.id);
    expect(log).toContain("hello from git");
    expect(log).toContain("\x1b[32mgreen\x1b[0m");
    expect(log).toContain("TERM=xterm-256color FORCE_COLOR=1");
    expect(await db.knownHost.count()).toBeGreaterThan(0);
    expect((await db.knownHost.findFirst())?.fingerprint).toBe(await gitHost.hostKeyFingerprint());
  });

  it("picks up a new commit on a mutable branch in the same worktree", async () => {
    const task = await db.task.findUniqueOrThrow({ where: { name: "show-app" } });
    await gitHost.commit("app", { "hello.txt": "second version\n" }, "update");
    const run = await runToEnd(task.id);
    expect(run.status).toBe("succeeded");
    expect(run.steps[0]?.detail).not.toContain("First contact");
    expect(await h.logText(run.id)).toContain("second version");
  });

  it("checks out an immutable sha once and reuses its volume", async () => {
    const key = await db.deployKey.findUniqueOrThrow({ where: { name: "app-key" } });
    const sha = await gitHost.branchSha("app", "main");
    const task = await h.task({
      name: "pinned",
      image: "slipway/test:latest",
      command: ["cat", "hello.txt"],
      checkouts: [{ url: gitHost.sshUrl("app"), revision: sha, keyId: key.id }],
    });
    const first = await runToEnd(task.id);
    const second = await runToEnd(task.id);
    expect([first.status, second.status]).toEqual(["succeeded", "succeeded"]);
    expect(first.steps[0]?.containerId).not.toBeNull();
    expect(second.steps[0]?.containerId).toBeNull();
    expect(second.steps[0]?.detail).toContain("Reused");
    expect(await h.logText(second.id)).toContain("second version");
  });

  it("fails with a clear message when the key is revoked, the repository or the branch does not exist", async () => {
    const key = await h.authorizedKey("revoked-key");
    await gitHost.revokeKey(key.publicKey);
    const rejected = await h.task({ name: "rejected", image: "slipway/test:latest", command: ["true"], checkouts: [{ url: gitHost.sshUrl("app"), revision: "main", keyId: key.id }] });
    const run1 = await runToEnd(rejected.id);
    expect(run1.status).toBe("failed");
    expect(run1.reason).toContain('rejected deploy key "revoked-key"');
    expect(run1.steps[1]?.status).toBe("skipped");

    const good = await db.deployKey.findUniqueOrThrow({ where: { name: "app-key" } });
    const missingRepo = await h.task({ name: "missing-repo", image: "slipway/test:latest", command: ["true"], checkouts: [{ url: gitHost.sshUrl("nope"), revision: "main", keyId: good.id }] });
    expect((await runToEnd(missingRepo.id)).reason).toContain("was not found");
    const missingBranch = await h.task({ name: "missing-branch", image: "slipway/test:latest", command: ["true"], checkouts: [{ url: gitHost.sshUrl("app"), revision: "release-9", keyId: good.id }] });
    expect((await runToEnd(missingBranch.id)).reason).toContain('Revision "release-9" does not exist');
  });

  it("says so when the host cannot be reached, and when its host key has changed", async () => {
    const key = await db.deployKey.findUniqueOrThrow({ where: { name: "app-key" } });
    const closedPort = gitHost.sshUrl("app").replace(`git@${gitHost.name}/`, `git@${gitHost.name}:2222/`);
    const unreachable = await h.task({ name: "unreachable", image: "slipway/test:latest", command: ["true"], checkouts: [{ url: closedPort, revision: "main", keyId: key.id }] });
    const run1 = await runToEnd(unreachable.id);
    expect(run1.status).toBe("failed");
    expect(run1.reason).toContain(`Cannot reach ${gitHost.name}:2222`);

    const newFingerprint = await gitHost.rotateHostKey();
    const task = await db.task.findUniqueOrThrow({ where: { name: "show-app" } });
    const run2 = await runToEnd(task.id);
    expect(run2.status).toBe("failed");
    expect(run2.reason).toContain("host key of");
    expect(run2.reason).toContain(newFingerprint);
    // Forgetting the pinned key (after checking the change is legitimate) lets the next run record the new one.
    await db.knownHost.deleteMany({ where: { host: gitHost.name } });
    const run3 = await runToEnd(task.id);
    expect(run3.status).toBe("succeeded");
    expect(run3.steps[0]?.detail).toContain(newFingerprint);
  });

  it("builds the task's image from a Dockerfile in a checkout, then runs it", async () => {
    const key = await db.deployKey.findUniqueOrThrow({ where: { name: "app-key" } });
    await gitHost.createRepo("image", { Dockerfile: "FROM slipway/test:latest\nCOPY message.txt /message.txt\nRUN echo built-in-image >> /message.txt\n", "message.txt": "from the repo\n" });
    const tag = `slipway-test/built-${testRunId}:latest`;
    const task = await h.task({
      name: "built",
      image: tag,
      build: { repo: "image" },
      command: ["cat", "/message.txt"],
      checkouts: [{ url: gitHost.sshUrl("image"), revision: "main", keyId: key.id }],
    });
    try {
      const run = await runToEnd(task.id);
      expect(run.steps.map((s) => [s.kind, s.status])).toEqual([["checkout", "succeeded"], ["build", "succeeded"], ["task", "succeeded"]]);
      const log = await h.logText(run.id);
      expect(log).toContain("Successfully tagged");
      expect(log).toContain("from the repo\nbuilt-in-image");
    } finally {
      await docker.images.remove(tag, { force: true }).catch(() => undefined);
    }
  });

  it("masks a secret the run uses (here a line of its deploy key committed by mistake) before it is stored", async () => {
    const key = await db.deployKey.findUniqueOrThrow({ where: { name: "app-key" } });
    const line = (await openDeployKey(db, h.masterKey, key.id)).toString("utf8").split("\n")[2] ?? "";
    expect(line.length).toBeGreaterThan(16);
    await gitHost.createRepo("leaky", { "oops.txt": `before ${line} after\n` });
    const task = await h.task({ name: "leaky", image: "slipway/test:latest", command: ["cat", "oops.txt"], checkouts: [{ url: gitHost.sshUrl("leaky"), revision: "main", keyId: key.id }] });
    const run = await runToEnd(task.id);
    expect(run.status).toBe("succeeded");
    const log = await h.logText(run.id);
    expect(log).toContain("before *** after");
    expect(log).not.toContain(line);
  });

  it("leaves no private key bytes in the database, the logs, the run containers or any process's arguments", async () => {
    const keys = await db.deployKey.findMany({ select: { id: true } });
    const secrets = (await Promise.all(keys.map(async (k) => (await openDeployKey(db, h.masterKey, k.id)).toString("utf8"))))
      .flatMap((pem) => pem.split("\n"))
      .filter((line) => line.length >= 16 && !line.startsWith("-----"));
    expect(secrets.length).toBeGreaterThan(0);
    const haystacks: [string, string][] = [];
    const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    for (const file of files(dataDir).filter((f) => !f.endsWith("master.key"))) haystacks.push([file, fs.readFileSync(file).toString("latin1")]);
    const runIds = (await db.run.findMany({ select: { id: true } })).map((r) => r.id);
    const containers = (await docker.containers.list({ labels: { "slipway.kind": "run" } })).filter((c) => runIds.includes(c.labels["slipway.run-id"] ?? ""));
    expect(containers.length).toBeGreaterThan(0);
    for (const c of containers) haystacks.push([`container ${c.name}`, JSON.stringify(await docker.containers.inspect(c.id)) + JSON.stringify(c)]);
    for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
      try {
        haystacks.push([`/proc/${pid}/cmdline`, fs.readFileSync(`/proc/${pid}/cmdline`, "latin1")]);
      } catch {
        // the process ended meanwhile
      }
    }
    const leaks = haystacks.flatMap(([where, text]) => secrets.filter((s) => text.includes(s)).map(() => where));
    expect(leaks).toEqual([]);
  });
});
