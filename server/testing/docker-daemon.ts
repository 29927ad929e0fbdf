import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import type { DockerPort } from "@/server/docker/port";

const run = promisify(execFile);

/**
 * Restarts the local Docker daemon the way it was started: through systemd when it manages Docker,
 * otherwise (the set-up's `setsid dockerd`) by SIGTERM and starting it again with the same log file.
 * Only for integration tests, which run one file at a time.
 */
export async function restartDockerDaemon(docker: DockerPort): Promise<void> {
  if (process.env.DOCKER_HOST && !process.env.DOCKER_HOST.startsWith("unix://")) {
    throw new Error(`cannot restart a remote Docker daemon (DOCKER_HOST=${process.env.DOCKER_HOST})`);
  }
  const systemd = await run("systemctl", ["is-active", "--quiet", "docker"]).then(() => true, () => false);
  if (systemd) {
    await run("systemctl", ["restart", "docker"]);
  } else {
    const pid = Number(fs.readFileSync("/run/docker.pid", "utf8").trim());
    if (!pid || !fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").startsWith("dockerd")) throw new Error("no dockerd found through /run/docker.pid");
    const log = fs.readlinkSync(`/proc/${pid}/fd/1`);
    process.kill(pid, "SIGTERM");
    for (let i = 0; i < 300 && fs.existsSync(`/proc/${pid}`); i++) await sleep(100);
    if (fs.existsSync(`/proc/${pid}`)) throw new Error("dockerd did not stop within 30 s");
    const out = fs.openSync(log.startsWith("/") ? log : "/dev/null", "a");
    spawn("dockerd", [], { detached: true, stdio: ["ignore", out, out] }).unref();
    fs.closeSync(out);
  }
  for (let i = 0; i < 600; i++) {
    if (await docker.ping().then(() => true, () => false)) return;
    await sleep(100);
  }
  throw new Error("the Docker daemon did not answer within 60 s after its restart");
}
