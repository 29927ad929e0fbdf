import "server-only";
import type { Db } from "@/server/db";
import { AppError } from "@/server/errors";
import { loadSite, toDeploySpec } from "../site-record";
import { queueRun } from "@/server/runs/queue-run";
import { planDeploySteps } from "./plan-deploy";

/**
 * Queues a deploy (or, with `rollbackTo`, a switch back to a kept release) of a site as a run. A deploy of
 * the same site still waiting in the queue is replaced. The engine runs one deploy per site at a time.
 */
export async function triggerDeploy(db: Db, siteId: string, trigger: string, rollbackTo: number | null = null) {
  const site = await loadSite(db, siteId);
  if (rollbackTo !== null) {
    const release = await db.siteRelease.findUnique({ where: { siteId_number: { siteId, number: rollbackTo } }, select: { status: true } });
    if (!release || release.status === "removed" || release.status === "failed") throw new AppError("BAD_INPUT", `Release #${rollbackTo} is not kept: pick one from the list.`);
    if (release.status === "active") throw new AppError("BAD_INPUT", `Release #${rollbackTo} is already live.`);
  }
  const spec = toDeploySpec(site, rollbackTo);
  return queueRun(db, {
    owner: { siteId },
    kind: "deploy",
    trigger: rollbackTo === null ? trigger : `${trigger} rollback`,
    spec,
    steps: planDeploySteps(spec),
    label: "deploy",
  });
}
