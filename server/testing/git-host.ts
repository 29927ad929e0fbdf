import net from "node:net";
import path from "node:path";
import { DockerError, slipwayLabels, type DockerPort, type ExecResult } from "@/server/docker/port";
import { DEFAULT_BASE_IMAGE, LOCAL_BASE_IMAGE } from "@/server/images/base-image";
import { contextHash } from "@/server/images/build-context";
import { CONTEXT_HASH_LABEL, ensureImage, type EnsureResult, type ImageBuild } from "@/server/images/ensure-image";
import { GIT_HOST_IMAGE, slipwayImages } from "@/server/images/slipway-images";
import { TEST_RUN_LABEL, testRunId as currentTestRunId } from "./test-docker";
import { freeLoopbackPort } from "./free-port";

const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
const REPOS_DIR = "/srv/git";
const AUTHORIZED_KEYS = "/etc/ssh/git-host/authorized_keys";
const HOST_KEY = "/etc/ssh/ssh_host_ed25519_key";
const COMMITTER = "Slipway Test <git-host@slipway.invalid>";
const READY_TIMEOUT_MS = 20_000;

const REPO_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const BRANCH_NAME = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
/** "type base64 [comment]": what a deploy key's public half looks like (no authorized_keys options). */
const PUBLIC_KEY_LINE = /^([a-z0-9@.-]+) ([A-Za-z0-9+/]+={0,3})(?: [^\r\n]*)?$/;

export interface GitHostOptions {
  /** Label value tying what the host creates to a test run (default: this process's run). */
  runId?: string;
  /** Tells two hosts of one run apart. */
  suffix?: string;
  /** Build output when the image has to be built first. */
  onBuildOutput?: (line: string) => void;
}

/**
 * A real git host over SSH (sshd + git-shell) in a container, for tests of deploy keys, host keys and checkouts.
 * Reachable by name from containers on `network` (`sshUrl`) and from this machine on 127.0.0.1 (`hostSshUrl`).
 */
export class GitHost {
  /** The container's name: its host name on `network`. */
  readonly name: string;
  /** The bridge network the host is on; attach checkout containers to it. */
  readonly network: string;
  private readonly labels: Record<string, string>;
  private containerId: string | null = null;
  private port: number | null = null;
  /** "type base64" of each authorized key, in the order they were added. */
  private keys: string[] = [];

  constructor(
    private readonly docker: DockerPort,
    private readonly options: GitHostOptions = {},
  ) {
    const runId = options.runId ?? currentTestRunId;
    this.name = `slipway-test-${runId}-git-host${options.suffix ? `-${options.suffix}` : ""}`;
    this.network = `${this.name}-net`;
    this.labels = slipwayLabels({ [TEST_RUN_LABEL]: runId, "slipway.kind": "git-host" });
  }

  /** The port on 127.0.0.1 that reaches the host's sshd. */
  get hostPort(): number {
    if (this.port === null) throw new Error("git host is not started");
    return this.port;
  }

  /** Builds the image if needed, creates the network and container, and waits until sshd answers. */
  async start(): Promise<void> {
    if (this.containerId) return;
    await ensureGitHostImage(this.docker, { onOutput: this.options.onBuildOutput });
    await this.docker.networks.create(this.network, { labels: this.labels });
    // The engine cannot be asked for a random port here, so take a free one; another process may win it: retry.
    for (let attempt = 1; ; attempt++) {
      const port = await freeLoopbackPort();
      const { id } = await this.docker.containers.create({
        name: this.name,
        image: GIT_HOST_IMAGE,
        cmd: ["/usr/sbin/sshd", "-D", "-e"],
        labels: this.labels,
        networkMode: this.network,
        ports: { "22/tcp": { hostPort: port, hostIp: "127.0.0.1" } },
        stopTimeoutSeconds: 1,
      });
      try {
        await this.docker.containers.start(id);
        this.containerId = id;
        this.port = port;
        break;
      } catch (error) {
        await this.docker.containers.remove(id, { force: true });
        if (attempt >= 3 || !/address already in use|port is already allocated/i.test(String(error))) throw error;
      }
    }
    await this.waitUntilReady();
  }

  /** Removes the container and the network (nothing else). Safe to call twice. */
  async stop(): Promise<void> {
    if (this.containerId) await this.docker.containers.remove(this.containerId, { force: true }).catch(ignoreNotFound);
    this.containerId = null;
    this.port = null;
    await this.docker.networks.remove(this.network).catch(ignoreNotFound);
  }

  /** Lets the key log in (as a deploy key: `restrict`, so no forwarding or terminal). */
  async authorizeKey(publicKeyLine: string): Promise<void> {
    const key = keyOf(publicKeyLine);
    if (!this.keys.includes(key)) this.keys.push(key);
    await this.writeAuthorizedKeys();
  }

  /** Removes the key (matched by type and key, whatever its comment); the next login with it is refused. */
  async revokeKey(publicKeyLine: string): Promise<void> {
    const key = keyOf(publicKeyLine);
    this.keys = this.keys.filter((k) => k !== key);
    await this.writeAuthorizedKeys();
  }

  /** A bare repository `/srv/git/<name>.git` whose branch (default `main`) has one commit of `files`. Returns its sha. */
  async createRepo(name: string, files: RepoFiles, opts: { branch?: string; message?: string } = {}): Promise<string> {
    const branch = opts.branch ?? "main";
    await this.createEmptyRepo(name, { branch });
    return this.importCommit(name, branch, null, files, opts.message ?? "Initial commit");
  }

  /** A bare repository with no commits (HEAD points at `branch`, which does not exist yet). */
  async createEmptyRepo(name: string, opts: { branch?: string } = {}): Promise<void> {
    const branch = checkBranch(opts.branch ?? "main");
    await this.git(["init", "--quiet", "--bare", `--initial-branch=${branch}`, repoPath(name)]);
  }

  /**
   * Adds a commit writing `files` (path -> content) to `branch` and returns its sha.
   * A branch that does not exist yet starts from `main`'s tip.
   */
  async commit(repo: string, files: RepoFiles, message: string, branch = "main"): Promise<string> {
    const parent = (await this.branchSha(repo, branch)) ?? (await this.branchSha(repo, "main"));
    return this.importCommit(repo, branch, parent, files, message);
  }

  /** The commit `branch` points at, or null when the repository has no such branch. */
  async branchSha(repo: string, branch: string): Promise<string | null> {
    const result = await this.exec(["git", "--git-dir", repoPath(repo), "rev-parse", "--verify", "--quiet", `refs/heads/${checkBranch(branch)}^{commit}`], { user: "git" });
    if (result.exitCode === 1 && !result.stderr.trim()) return null;
    return ok(result, "git rev-parse").trim();
  }

  /** The host key's fingerprint as `ssh-keygen -lf` prints it ("SHA256:…"), what a client is asked to trust. */
  async hostKeyFingerprint(): Promise<string> {
    const line = ok(await this.exec(["ssh-keygen", "-l", "-f", `${HOST_KEY}.pub`]), "ssh-keygen -l");
    const fingerprint = line.split(" ")[1];
    if (!fingerprint?.startsWith("SHA256:")) throw new Error(`unexpected ssh-keygen output: ${line}`);
    return fingerprint;
  }

  /** The host's public key, "ssh-ed25519 AAAA…", for a known_hosts entry. */
  async hostPublicKey(): Promise<string> {
    const line = ok(await this.exec(["cat", `${HOST_KEY}.pub`]), "reading the host key");
    return keyOf(line.trim());
  }

  /**
   * Replaces the host key with a new one (a server reinstalled, or a man in the middle) and returns its fingerprint.
   * sshd reads its host keys again for every connection, so no restart is needed; checked with ssh-keyscan.
   */
  async rotateHostKey(): Promise<string> {
    ok(await this.exec(["rm", "-f", HOST_KEY, `${HOST_KEY}.pub`]), "removing the host key");
    ok(await this.exec(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "slipway-git-host", "-f", HOST_KEY]), "ssh-keygen");
    const served = ok(await this.exec(["ssh-keyscan", "-t", "ed25519", "127.0.0.1"]), "ssh-keyscan");
    const expected = await this.hostPublicKey();
    if (!served.includes(expected)) throw new Error(`sshd still serves the old host key: ${served.trim()}`);
    return this.hostKeyFingerprint();
  }

  /** URL for clients on `network` (Slipway's checkout containers). */
  sshUrl(repo: string): string {
    return `ssh://git@${this.name}${repoPath(repo)}`;
  }

  /** URL for clients on this machine. */
  hostSshUrl(repo: string): string {
    return `ssh://git@127.0.0.1:${this.hostPort}${repoPath(repo)}`;
  }

  private async importCommit(repo: string, branch: string, parent: string | null, files: RepoFiles, message: string): Promise<string> {
    const stream = fastImportCommit(`refs/heads/${checkBranch(branch)}`, parent, files, message);
    ok(await this.exec(["git", "--git-dir", repoPath(repo), "fast-import", "--quiet"], { user: "git", stdin: stream }), "git fast-import");
    const sha = await this.branchSha(repo, branch);
    if (!sha) throw new Error(`commit to ${repo}@${branch} left no branch`);
    return sha;
  }

  private async git(args: string[]): Promise<string> {
    return ok(await this.exec(["git", ...args], { user: "git" }), `git ${args[0] ?? ""}`);
  }

  private async writeAuthorizedKeys(): Promise<void> {
    const content = this.keys.map((key) => `restrict ${key}\n`).join("");
    // Write then rename, so sshd never reads a half-written file.
    ok(await this.exec(["dd", `of=${AUTHORIZED_KEYS}.new`, "status=none"], { stdin: Buffer.from(content) }), "writing authorized_keys");
    ok(await this.exec(["mv", "-f", `${AUTHORIZED_KEYS}.new`, AUTHORIZED_KEYS]), "replacing authorized_keys");
  }

  private exec(cmd: string[], opts: { user?: string; stdin?: Buffer } = {}): Promise<ExecResult> {
    if (!this.containerId) throw new Error("git host is not started");
    return this.docker.exec.run(this.containerId, { cmd, user: opts.user, stdin: opts.stdin }, { timeoutMs: 30_000 });
  }

  private async waitUntilReady(): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      // The engine's port proxy accepts before sshd listens: only sshd's banner means ready.
      if ((await readBanner(this.hostPort, 1_000))?.startsWith("SSH-2.0-")) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    let logs = "";
    for await (const chunk of this.docker.containers.logs(this.containerId ?? this.name)) logs += chunk.data.toString("utf8");
    throw new Error(`git host sshd did not answer on 127.0.0.1:${this.hostPort} within ${READY_TIMEOUT_MS / 1000} s. Its output:\n${logs}`);
  }
}

/**
 * Builds slipway/git-host unless an image built from the current images/git-host/ is there. Base: slipway/debian:bookworm
 * when present, else debian:bookworm-slim; an image built by the set-up from either base counts as current.
 */
export async function ensureGitHostImage(docker: DockerPort, options: { onOutput?: (line: string) => void } = {}): Promise<EnsureResult> {
  const existing = await docker.images.inspect(GIT_HOST_IMAGE);
  const bases: string[] = [];
  for (const base of [LOCAL_BASE_IMAGE, DEFAULT_BASE_IMAGE]) if (await docker.images.exists(base)) bases.push(base);
  const builds = await Promise.all((bases.length ? bases : [DEFAULT_BASE_IMAGE]).map(gitHostBuild));
  for (const build of builds) {
    const hash = await contextHash(build.files, build.buildArgs);
    if (existing?.labels[CONTEXT_HASH_LABEL] === hash) return { tag: GIT_HOST_IMAGE, built: false, hash };
  }
  const [build] = builds;
  if (!build) throw new Error("no base image candidate");
  return ensureImage(docker, build, { onOutput: options.onOutput });
}

async function gitHostBuild(baseImage: string): Promise<ImageBuild> {
  const build = (await slipwayImages(REPO_ROOT, baseImage)).find((image) => image.tag === GIT_HOST_IMAGE);
  if (!build) throw new Error(`${GIT_HOST_IMAGE} is not among Slipway's images`);
  return build;
}

function repoPath(name: string): string {
  if (!REPO_NAME.test(name) || name.endsWith(".git")) throw new Error(`invalid repository name: ${name}`);
  return `${REPOS_DIR}/${name}.git`;
}

function checkBranch(branch: string): string {
  if (!BRANCH_NAME.test(branch) || branch.includes("..") || branch.endsWith("/") || branch.endsWith(".lock")) throw new Error(`invalid branch name: ${branch}`);
  return branch;
}

function keyOf(publicKeyLine: string): string {
  const match = PUBLIC_KEY_LINE.exec(publicKeyLine.trim());
  if (!match) throw new Error("not a public key line (\"ssh-ed25519 AAAA… comment\")");
  return `${match[1]} ${match[2]}`;
}

/** A commit's files: path → content, or a symbolic link to a target. */
export type RepoFiles = Record<string, string | { symlink: string }>;

/** One commit in git fast-import's input format: files inline, paths validated so no quoting is needed. */
function fastImportCommit(ref: string, parent: string | null, files: RepoFiles, message: string): Buffer {
  const parts: Buffer[] = [];
  const text = (value: string) => parts.push(Buffer.from(value, "utf8"));
  const data = (value: string) => {
    const bytes = Buffer.from(value, "utf8");
    text(`data ${bytes.length}\n`);
    parts.push(bytes);
    text("\n");
  };
  text(`commit ${ref}\ncommitter ${COMMITTER} ${Math.floor(Date.now() / 1000)} +0000\n`);
  data(message);
  if (parent) text(`from ${parent}\n`);
  for (const [file, content] of Object.entries(files)) {
    const segments = file.split("/");
    if (/[\n\r"\\]/.test(file) || segments.some((s) => s === "" || s === "." || s === ".." || s === ".git")) throw new Error(`invalid file path: ${file}`);
    // A symlink is its target as the blob, with mode 120000.
    text(`M ${typeof content === "string" ? "100644" : "120000"} inline ${file}\n`);
    data(typeof content === "string" ? content : content.symlink);
  }
  text("\n");
  return Buffer.concat(parts);
}

function ok(result: ExecResult, what: string): string {
  if (result.exitCode !== 0) throw new Error(`${what} failed in the git host (exit ${result.exitCode}): ${result.stderr.trim() || result.stdout.trim()}`);
  return result.stdout;
}

function ignoreNotFound(error: unknown): void {
  if (error instanceof DockerError && error.kind === "not_found") return;
  throw error;
}


/** The first line a server sends on 127.0.0.1:port, or null if it sends none in time. */
function readBanner(port: number, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    let received = "";
    const finish = (line: string | null) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(line);
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    socket.on("data", (chunk: Buffer) => {
      received += chunk.toString("latin1");
      const end = received.indexOf("\n");
      if (end >= 0) finish(received.slice(0, end).trim());
    });
    socket.on("error", () => finish(null));
    socket.on("close", () => finish(null));
  });
}
