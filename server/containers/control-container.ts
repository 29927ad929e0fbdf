import "server-only";
import type { DockerPort } from "@/server/docker/port";
import { MANAGED_LABEL } from "@/server/docker/labels";
import { AppError } from "@/server/errors";

export type ContainerAction = "start" | "stop" | "restart";

/** Starts, stops or restarts a container, but only one Slipway manages: others look as if they did not exist. */
export async function controlContainer(docker: DockerPort, id: string, action: ContainerAction) {
  const details = await docker.containers.inspect(id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") return null;
    throw error;
  });
  if (!details || details.labels[MANAGED_LABEL] !== "true") throw new AppError("NOT_FOUND", "No such container managed by Slipway.");
  if (action === "start") await docker.containers.start(details.id);
  else if (action === "stop") await docker.containers.stop(details.id, 10);
  else await docker.containers.restart(details.id, 10);
  const after = await docker.containers.inspect(details.id);
  return { id: after.id, name: after.name, state: after.state };
}
