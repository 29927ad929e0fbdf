import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import ssh2 from "ssh2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slipwayLabels } from "@/server/docker/port";
import { CHECKOUT_IMAGE } from "@/server/images/slipway-images";
import { GitHost } from "./git-host";
import { cleanupTestRun, TEST_RUN_LABEL, testDocker, testRunId } from "./test-docker";

const docker = testDocker();
const host = new GitHost(docker);
const deployKey = ssh2.utils.generateKeyPairSync("ed25519", { comment: "deploy@slipway-test" });
const strangerKey = ssh2.utils.generateKeyPairSync("ed25519", { comment: "stranger@slipway-test" });
let dir: string;

interface CloneResult {
  exitCode: number;
  stderr: string;
  /** The clone's directory on this machine. */
  worktree: string;
}

/**
 * `git clone --branch <branch> <url>` in a checkout container on the host's network, as Slipway's checkout step runs it:
 * the private key bind-mounted read-only at /key, host keys accepted on first use into `knownHosts`.
 */
async function clone(url: string, opts: { branch?: string; key?: "deploy" | "stranger"; knownHosts?: string } = {}): Promise<CloneResult> {
  const out = await fs.mkdtemp(path.join(dir, "clone-"));
  const knownHosts = opts.knownHosts ?? "/tmp/kh";
  const { id } = await docker.containers.create({
    image: CHECKOUT_IMAGE,
    cmd: ["git", "clone", "--branch", opts.branch ?? "main", url, "/out/w"],
    env: { GIT_SSH_COMMAND: `ssh -i /key -o IdentitiesOnly=yes -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile=${knownHosts}` },
    labels: slipwayLabels({ [TEST_RUN_LABEL]: testRunId }),
    networkMode: host.network,
    mounts: [
      { type: "bind", source: path.join(dir, `${opts.key ?? "deploy"}_key`), target: "/key", readOnly: true },
      { type: "bind", source: out, target: "/out" },
      { type: "bind", source: path.join(dir, "state"), target: "/state" },
    ],
  });
  try {
    await docker.containers.start(id);
    const { exitCode } = await docker.containers.wait(id, { timeoutMs: 60_000 });
    let stderr = "";
    for await (const chunk of docker.containers.logs(id)) if (chunk.stream === "stderr") stderr += chunk.data.toString("utf8");
    return { exitCode, stderr, worktree: path.join(out, "w") };
  } finally {
    await docker.containers.remove(id, { force: true });
  }
}

/** Logs in from this machine with ssh2 and asks for the repository's refs, as a host-side client of hostSshUrl would. */
async function lsRemoteFromHost(url: string, privateKey: string): Promise<{ refs: string; hostKeySha256: string }> {
  const { hostname, port, pathname, username } = new URL(url);
  const conn = new ssh2.Client();
  let hostKeySha256 = "";
  try {
    await new Promise<void>((resolve, reject) => {
      conn.once("ready", resolve).once("error", reject);
      conn.connect({
        host: hostname,
        port: Number(port),
        username,
        privateKey,
        readyTimeout: 10_000,
        hostVerifier: (key: Buffer) => {
          hostKeySha256 = `SHA256:${createHash("sha256").update(key).digest("base64").replace(/=+$/, "")}`;
          return true;
        },
      });
    });
    const refs = await new Promise<string>((resolve, reject) => {
      conn.exec(`git-upload-pack '${pathname}'`, (error, stream) => {
        if (error) return reject(error);
        let received = "";
        stream.on("data", (chunk: Buffer) => {
          received += chunk.toString("utf8");
          // The ref advertisement ends with a flush packet; stop there instead of negotiating a fetch.
          if (received.endsWith("0000")) stream.close();
        });
        stream.on("close", () => resolve(received));
      });
    });
    return { refs, hostKeySha256 };
  } finally {
    conn.end();
  }
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "slipway-git-host-"));
  await fs.mkdir(path.join(dir, "state"));
  // ssh refuses private keys others can read.
  await fs.writeFile(path.join(dir, "deploy_key"), deployKey.private, { mode: 0o600 });
  await fs.writeFile(path.join(dir, "stranger_key"), strangerKey.private, { mode: 0o600 });
  await host.start();
  await host.createRepo("site", { "README.md": "hello\n", "public/index.html": "<h1>first</h1>\n" });
  await host.authorizeKey(deployKey.public);
}, 300_000);

afterAll(async () => {
  await host.stop();
  await cleanupTestRun(docker);
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe("GitHost: a real git host over SSH", () => {
  it("lets a checkout container clone with the authorized deploy key", async () => {
    const result = await clone(host.sshUrl("site"));
    expect(result.stderr).toContain("Cloning into '/out/w'...");
    expect(result.exitCode).toBe(0);
    expect(await fs.readFile(path.join(result.worktree, "README.md"), "utf8")).toBe("hello\n");
    expect(await fs.readFile(path.join(result.worktree, "public/index.html"), "utf8")).toBe("<h1>first</h1>\n");
  });

  it("is reachable from this machine on 127.0.0.1, presenting the host key it reports", async () => {
    const sha = await host.branchSha("site", "main");
    const { refs, hostKeySha256 } = await lsRemoteFromHost(host.hostSshUrl("site"), deployKey.private);
    expect(refs).toContain(`${sha} refs/heads/main`);
    expect(hostKeySha256).toBe(await host.hostKeyFingerprint());
    expect(hostKeySha256).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it("refuses a key it never authorized", async () => {
    const result = await clone(host.sshUrl("site"), { key: "stranger" });
    expect(result.exitCode).toBe(128);
    expect(result.stderr).toContain("git@" + host.name + ": Permission denied (publickey).");
    expect(result.stderr).toContain("fatal: Could not read from remote repository.");
  });

  it("refuses a revoked key, and accepts it again once re-authorized", async () => {
    await host.revokeKey(deployKey.public);
    const refused = await clone(host.sshUrl("site"));
    expect(refused.exitCode).toBe(128);
    expect(refused.stderr).toContain("Permission denied (publickey)");
    await host.authorizeKey(deployKey.public);
    expect((await clone(host.sshUrl("site"))).exitCode).toBe(0);
  });

  it("says when the repository does not exist", async () => {
    const result = await clone(host.sshUrl("missing"));
    expect(result.exitCode).toBe(128);
    expect(result.stderr).toContain("fatal: '/srv/git/missing.git' does not appear to be a git repository");
    expect(result.stderr).toContain("Please make sure you have the correct access rights\nand the repository exists.");
  });

  it("says when the branch does not exist, and when the repository is empty", async () => {
    const missingBranch = await clone(host.sshUrl("site"), { branch: "release" });
    expect(missingBranch.exitCode).toBe(128);
    expect(missingBranch.stderr).toContain("fatal: Remote branch release not found in upstream origin");

    await host.createEmptyRepo("empty");
    const empty = await clone(host.sshUrl("empty"));
    expect(empty.exitCode).toBe(128);
    expect(empty.stderr).toContain("fatal: Remote branch main not found in upstream origin");
    expect(await host.branchSha("empty", "main")).toBeNull();
  });

  it("moves a branch with each new commit, and starts new branches from main", async () => {
    const before = await host.branchSha("site", "main");
    const after = await host.commit("site", { "README.md": "second\n" }, "Second commit");
    expect(after).toMatch(/^[0-9a-f]{40}$/);
    expect(after).not.toBe(before);
    expect(await host.branchSha("site", "main")).toBe(after);
    expect(await fs.readFile(path.join((await clone(host.sshUrl("site"))).worktree, "README.md"), "utf8")).toBe("second\n");

    const feature = await host.commit("site", { "feature.txt": "on a branch\n" }, "Feature", "feature");
    expect(await host.branchSha("site", "feature")).toBe(feature);
    expect(await host.branchSha("site", "main")).toBe(after);
    const featureClone = await clone(host.sshUrl("site"), { branch: "feature" });
    expect(await fs.readFile(path.join(featureClone.worktree, "README.md"), "utf8")).toBe("second\n");
    expect(await fs.readFile(path.join(featureClone.worktree, "feature.txt"), "utf8")).toBe("on a branch\n");
  });

  it("says when the host cannot be reached", async () => {
    const unknown = await clone(`ssh://git@${host.name}-gone/srv/git/site.git`);
    expect(unknown.exitCode).toBe(128);
    expect(unknown.stderr).toContain(`ssh: Could not resolve hostname ${host.name}-gone`);

    const refused = await clone(`ssh://git@${host.name}:2222/srv/git/site.git`);
    expect(refused.exitCode).toBe(128);
    expect(refused.stderr).toMatch(new RegExp(`ssh: connect to host ${host.name} port 2222: Connection refused`));
  });

  // Last: the host key changes for every later clone.
  it("refuses to clone once the host key changed after it was first trusted", async () => {
    const knownHosts = "/state/known_hosts";
    const first = await clone(host.sshUrl("site"), { knownHosts });
    expect(first.exitCode).toBe(0);
    expect(first.stderr).toContain(`Warning: Permanently added '${host.name}' (ED25519) to the list of known hosts.`);

    const before = await host.hostKeyFingerprint();
    const after = await host.rotateHostKey();
    expect(after).not.toBe(before);
    expect(await host.hostKeyFingerprint()).toBe(after);

    const changed = await clone(host.sshUrl("site"), { knownHosts });
    expect(changed.exitCode).toBe(128);
    expect(changed.stderr).toContain("WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!");
    expect(changed.stderr).toContain(after);
    expect(changed.stderr).toContain("Host key verification failed.");
  });
});
