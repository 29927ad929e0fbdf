import "server-only";
import type { Db } from "@/server/db";
import { AppError } from "@/server/errors";
import type { RunLogStore } from "@/server/logs/run-log-store";
import { ownerSelect, runOwner } from "./run-owner";

/** A run with its steps, the containers it made and its log's size. */
export async function getRun(db: Db, logs: RunLogStore, runId: string) {
  const run = await db.run.findUnique({
    where: { id: runId },
    select: {
      id: true,
      number: true,
      status: true,
      reason: true,
      trigger: true,
      replacedById: true,
      cancelRequestedAt: true,
      createdAt: true,
      startedAt: true,
      finishedAt: true,
      kind: true,
      ...ownerSelect,
      steps: { orderBy: { position: "asc" } },
    },
  });
  if (!run) throw new AppError("NOT_FOUND", "No such run.");
  const log = await logs.stat(runId);
  const { task, site, ...rest } = run;
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    ...rest,
    owner: runOwner({ task, site }),
    createdAt: run.createdAt.toISOString(),
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
    cancelRequestedAt: iso(run.cancelRequestedAt),
    steps: run.steps.map((s) => ({ ...s, startedAt: iso(s.startedAt), finishedAt: iso(s.finishedAt) })),
    log: { size: log.size, closed: log.closed, cut: log.cut },
  };
}
