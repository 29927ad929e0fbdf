import "server-only";
import type { Db } from "@/server/db";
import { presentSite, siteSelect } from "./site-record";

/** Every site with its live release and last deploy, by name. */
export async function listSites(db: Db) {
  const sites = await db.site.findMany({
    orderBy: { name: "asc" },
    select: {
      ...siteSelect,
      releases: { where: { status: "active" }, take: 1, select: { number: true, sha: true, activatedAt: true } },
      runs: { orderBy: { createdAt: "desc" }, take: 1, select: { id: true, number: true, status: true, reason: true, createdAt: true, finishedAt: true } },
    },
  });
  return sites.map(({ releases, runs, ...row }) => ({
    ...presentSite(row),
    activeRelease: releases[0] ? { number: releases[0].number, sha: releases[0].sha, activatedAt: releases[0].activatedAt?.toISOString() ?? null } : null,
    lastDeploy: runs[0] ? { ...runs[0], createdAt: runs[0].createdAt.toISOString(), finishedAt: runs[0].finishedAt?.toISOString() ?? null } : null,
  }));
}
