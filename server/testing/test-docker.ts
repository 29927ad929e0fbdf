import { randomBytes } from "node:crypto";
import { dockerPortFor, type DockerPort } from "@/server/docker/port";

/** A label value unique to this test process: tests tag what they create with it and remove exactly that. */
export const TEST_RUN_LABEL = "slipway.test-run";
export const testRunId = `t${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;

export function testDocker(): DockerPort {
  return dockerPortFor(process.env.DOCKER_HOST);
}

/** Removes the containers, volumes and networks this test run created (by label), nothing else. */
export async function cleanupTestRun(docker: DockerPort): Promise<void> {
  const mine = { [TEST_RUN_LABEL]: testRunId };
  for (const c of await docker.containers.list({ labels: mine })) await docker.containers.remove(c.id, { force: true }).catch(() => undefined);
  for (const v of await docker.volumes.list(mine)) await docker.volumes.remove(v.name).catch(() => undefined);
  for (const n of await docker.networks.list(mine)) await docker.networks.remove(n.id).catch(() => undefined);
}
