/** Who a run belongs to: a task, or a site (its deploys). */
export interface RunOwner {
  kind: "task" | "site";
  id: string;
  name: string;
}

export const ownerSelect = { task: { select: { id: true, name: true } }, site: { select: { id: true, name: true } } } as const;

type OwnerRow = { task: { id: string; name: string } | null; site: { id: string; name: string } | null };

export function runOwner(row: OwnerRow): RunOwner {
  if (row.site) return { kind: "site", ...row.site };
  if (row.task) return { kind: "task", ...row.task };
  return { kind: "task", id: "", name: "(deleted)" };
}

/** The key the engine keeps one run at a time for: the task, or the site (one deploy lock per site). */
export function ownerKey(run: { taskId: string | null; siteId: string | null }): string {
  return run.siteId ? `site:${run.siteId}` : `task:${run.taskId ?? ""}`;
}
