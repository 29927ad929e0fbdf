import "server-only";
import type { DockerPort } from "@/server/docker/port";
import { AppError } from "@/server/errors";

/** Where images/apache/ listens inside its container (ports.conf). */
const APACHE_PORT = 8080;
/** Logged by Apache each time a generation has read its config and serves (AH00489, a notice Apache always logs). */
const GENERATION_READY = /AH00489: .* configured -- resuming normal operations/g;
/** One HTTP request from inside the container, so the probe needs no published port and no network. */
const PROBE = [
  "bash",
  "-c",
  `exec 3<>/dev/tcp/127.0.0.1/${APACHE_PORT} && printf 'HEAD / HTTP/1.0\\r\\nHost: localhost\\r\\nUser-Agent: slipway-restart-check\\r\\n\\r\\n' >&3 && timeout 5 head -n 1 <&3`,
];

export interface ApacheRestartOptions {
  /** Upper bound for the whole restart, from the config check to the first answer (default 30 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Graceful restart of one site's Apache container: SIGUSR1 to Apache (PID 1), which re-reads its
 * configuration and replaces its workers while in-flight requests finish; the container itself keeps
 * running (same StartedAt) and no other container is touched. The configuration is checked first,
 * because Apache exits on a graceful restart into a broken one, taking the site down. Resolves once
 * the new generation has started and answers an HTTP request.
 */
export async function restartApacheGracefully(docker: DockerPort, containerId: string, options: ApacheRestartOptions = {}): Promise<void> {
  const signal = AbortSignal.any([AbortSignal.timeout(options.timeoutMs ?? 30_000), ...(options.signal ? [options.signal] : [])]);
  const call = { signal, timeoutMs: 15_000 };
  const before = await docker.containers.inspect(containerId, call);
  if (!before.running) throw new AppError("CONFLICT", `Apache container ${before.name} is not running, so there is nothing to restart gracefully.`);

  const check = await docker.exec.run(containerId, { cmd: ["apache2ctl", "-t"] }, call);
  if (check.exitCode !== 0) {
    throw new AppError("BAD_INPUT", `Apache's configuration in ${before.name} does not validate; it keeps serving with the previous one: ${(check.stderr || check.stdout).trim()}`);
  }

  // Log lines of the last few seconds are enough to see the new generation start (StartedAt is unchanged by design).
  const since = Math.floor(Date.now() / 1000) - 5;
  const generationsBefore = await countGenerations(docker, containerId, since, call);
  await docker.containers.kill(containerId, "SIGUSR1", call);

  for (;;) {
    if (signal.aborted) throw new AppError("DOCKER_FAILED", `Apache in ${before.name} did not answer within the time allowed after its graceful restart.`, { cause: signal.reason });
    const now = await docker.containers.inspect(containerId, call);
    if (!now.running || now.startedAt !== before.startedAt) {
      throw new AppError("DOCKER_FAILED", `Apache in ${before.name} stopped during its graceful restart (exit code ${now.exitCode ?? "unknown"}).`);
    }
    if ((await countGenerations(docker, containerId, since, call)) > generationsBefore && (await answers(docker, containerId, call))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function countGenerations(docker: DockerPort, containerId: string, since: number, call: { signal: AbortSignal; timeoutMs: number }): Promise<number> {
  let count = 0;
  for await (const chunk of docker.containers.logs(containerId, { since, ...call })) {
    if (chunk.stream === "stderr") count += chunk.data.toString("utf8").match(GENERATION_READY)?.length ?? 0;
  }
  return count;
}

async function answers(docker: DockerPort, containerId: string, call: { signal: AbortSignal; timeoutMs: number }): Promise<boolean> {
  const probe = await docker.exec.run(containerId, { cmd: PROBE }, call);
  return probe.exitCode === 0 && probe.stdout.startsWith("HTTP/");
}
