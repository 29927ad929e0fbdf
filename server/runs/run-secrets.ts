import "server-only";
import { openDeployKey } from "@/server/keys/open-deploy-key";
import type { TaskSpec } from "@/server/tasks/task-spec";
import type { RunDeps } from "./run-deps";

/**
 * What must never reach a run's log: the private keys its checkouts use (each line of their body, so
 * a partial print is caught too). Task secrets join this list when tasks get them.
 */
export async function runSecrets(deps: RunDeps, spec: Pick<TaskSpec, "checkouts">): Promise<string[]> {
  const keyIds = [...new Set(spec.checkouts.map((c) => c.keyId).filter((k): k is string => k !== null))];
  const secrets: string[] = [];
  for (const keyId of keyIds) {
    const pem = (await openDeployKey(deps.db, deps.masterKey, keyId).catch(() => null))?.toString("utf8");
    if (!pem) continue;
    for (const line of pem.split("\n")) if (line.length >= 16 && !line.startsWith("-----")) secrets.push(line.trim());
  }
  return secrets;
}
