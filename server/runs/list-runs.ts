import "server-only";
import type { Db } from "@/server/db";
import { ownerSelect, runOwner } from "./run-owner";

export interface RunFilter {
  status?: string[];
  taskId?: string;
  siteId?: string;
  limit: number;
  /** Only runs created before this run (for paging). */
  before?: string;
}

const runSummary = {
  id: true,
  number: true,
  status: true,
  reason: true,
  trigger: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  kind: true,
  ...ownerSelect,
  steps: { orderBy: { position: "asc" }, select: { kind: true, name: true, status: true } },
} as const;

export async function listRuns(db: Db, filter: RunFilter) {
  const cursor = filter.before ? await db.run.findUnique({ where: { id: filter.before }, select: { createdAt: true } }) : null;
  const runs = await db.run.findMany({
    where: {
      ...(filter.status?.length ? { status: { in: filter.status } } : {}),
      ...(filter.taskId ? { taskId: filter.taskId } : {}),
      ...(filter.siteId ? { siteId: filter.siteId } : {}),
      ...(cursor ? { createdAt: { lt: cursor.createdAt } } : {}),
    },
    orderBy: { createdAt: "desc" },
    take: filter.limit,
    select: runSummary,
  });
  return runs.map(({ task, site, ...run }) => ({ ...presentRunSummary(run), owner: runOwner({ task, site }) }));
}

type RunRow = { createdAt: Date; startedAt: Date | null; finishedAt: Date | null };

export function presentRunSummary<T extends RunRow>(run: T) {
  return {
    ...run,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}
