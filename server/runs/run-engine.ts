import "server-only";
import { readSettings } from "@/server/settings/settings";
import { AppError } from "@/server/errors";
import { evictRunContainers } from "./evict-run-containers";
import { executeRun } from "./execute-run";
import { KeyedLock } from "./keyed-lock";
import { ownerKey } from "./run-owner";
import { RUN_LABEL } from "./run-labels";
import type { RunDeps } from "./run-deps";

interface ActiveRun {
  /** The task or site: one run each at a time (for a site, that is its deploy lock). */
  owner: string;
  requested: "cancelled" | "timed_out" | null;
  controller: AbortController;
  timer: NodeJS.Timeout | null;
  done: Promise<void>;
}

/**
 * Starts queued runs within the concurrency limit (one run per task at a time), cancels and times
 * them out, and at start-up resumes the runs a previous panel process left running. The runs'
 * containers never depend on this process: it only watches them.
 */
export class RunEngine {
  private readonly active = new Map<string, ActiveRun>();
  private readonly worktrees = new KeyedLock();
  private scheduling: Promise<void> | null = null;
  private again = false;

  constructor(private readonly deps: RunDeps) {}

  /** Resumes the runs left "running", then starts what is queued. */
  async start(): Promise<void> {
    const { db } = this.deps;
    const left = await db.run.findMany({ where: { status: "running" }, select: { id: true, taskId: true, siteId: true } });
    for (const run of left) if (!this.active.has(run.id)) this.launch(run.id, ownerKey(run), run.taskId);
    void evictRunContainers(this.deps).catch(() => undefined);
    this.kick();
  }

  /** Looks at the queue again (after a trigger, a finish or a settings change). */
  kick(): void {
    if (this.scheduling) {
      this.again = true;
      return;
    }
    this.scheduling = (async () => {
      do {
        this.again = false;
        await this.fill().catch((error: unknown) => console.error("run scheduler:", error));
      } while (this.again);
    })().finally(() => {
      this.scheduling = null;
    });
  }

  /** Cancels a queued run at once; a running one is stopped (SIGTERM, grace, SIGKILL) and marked within grace + 1 s. */
  async cancel(runId: string, as: "cancelled" | "timed_out" = "cancelled"): Promise<void> {
    const { db, docker } = this.deps;
    const run = await db.run.findUnique({ where: { id: runId }, select: { status: true } });
    if (!run) throw new AppError("NOT_FOUND", "No such run.");
    if (run.status === "queued") {
      await db.run.updateMany({ where: { id: runId, status: "queued" }, data: { status: as, reason: as === "cancelled" ? "Cancelled before it started." : "Timed out in the queue.", finishedAt: new Date() } });
      await db.runStep.updateMany({ where: { runId }, data: { status: "cancelled" } });
      return;
    }
    const entry = this.active.get(runId);
    if (run.status !== "running" || !entry) return;
    entry.requested ??= as;
    await db.run.update({ where: { id: runId }, data: { cancelRequestedAt: new Date() } });
    const { cancelGraceSeconds } = await readSettings(db);
    // Only this run's containers: everything else on the host keeps running. A container created but
    // not started yet is stopped by the executor right after its start (it sees `requested`).
    const containers = await docker.containers.list({ labels: { [RUN_LABEL]: runId } });
    await Promise.all(containers.filter((c) => c.state === "running").map((c) => docker.containers.stop(c.id, cancelGraceSeconds)));
  }

  /** Resolves when every run this engine started has finished (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.active.size > 0 || this.scheduling) {
      await Promise.all([...this.active.values()].map((a) => a.done));
      await this.scheduling;
    }
  }

  isActive(runId: string): boolean {
    return this.active.has(runId);
  }

  /** Stops watching (the containers keep running; a new engine resumes them). */
  async stop(): Promise<void> {
    for (const entry of this.active.values()) {
      if (entry.timer) clearTimeout(entry.timer);
      entry.controller.abort();
    }
    await Promise.allSettled([...this.active.values()].map((a) => a.done));
  }

  private async fill(): Promise<void> {
    const { db } = this.deps;
    const { runConcurrency } = await readSettings(db);
    if (this.active.size >= runConcurrency) return;
    const queued = await db.run.findMany({ where: { status: "queued" }, orderBy: { createdAt: "asc" }, select: { id: true, taskId: true, siteId: true } });
    const busy = new Set([...this.active.values()].map((a) => a.owner));
    for (const run of queued) {
      if (this.active.size >= runConcurrency) break;
      const owner = ownerKey(run);
      if (busy.has(owner)) continue;
      // Claim it: only one engine starts a run, and from here on a cancel or timeout sees it running.
      const claimed = await db.run.updateMany({ where: { id: run.id, status: "queued" }, data: { status: "running", startedAt: new Date() } });
      if (claimed.count === 0) continue;
      busy.add(owner);
      this.launch(run.id, owner, run.taskId);
    }
  }

  private launch(runId: string, owner: string, taskId: string | null): void {
    const entry: ActiveRun = { owner, requested: null, controller: new AbortController(), timer: null, done: Promise.resolve() };
    this.active.set(runId, entry);
    entry.done = (async () => {
      await this.armTimeout(runId, entry);
      await executeRun(this.deps, runId, { requested: () => entry.requested, worktrees: this.worktrees, signal: entry.controller.signal });
    })()
      .catch(async (error: unknown) => {
        if (entry.controller.signal.aborted) return; // the panel is shutting down: the next start resumes it
        console.error(`run ${runId} failed in the engine:`, error);
        const reason = `Slipway failed while running it: ${error instanceof Error ? error.message : String(error)}`;
        await this.deps.db.run.update({ where: { id: runId }, data: { status: "failed", reason, finishedAt: new Date() } }).catch(() => undefined);
        await this.deps.store.close(runId).catch(() => undefined);
      })
      .finally(() => {
        if (entry.timer) clearTimeout(entry.timer);
        this.active.delete(runId);
        if (!entry.controller.signal.aborted) {
          void evictRunContainers(this.deps, taskId ?? undefined).catch(() => undefined);
          this.kick();
        }
      });
  }

  private async armTimeout(runId: string, entry: ActiveRun): Promise<void> {
    const run = await this.deps.db.run.findUniqueOrThrow({ where: { id: runId }, select: { spec: true, startedAt: true } });
    const { timeoutSeconds } = JSON.parse(run.spec) as { timeoutSeconds: number };
    const elapsed = run.startedAt ? Date.now() - run.startedAt.getTime() : 0;
    entry.timer = setTimeout(() => void this.cancel(runId, "timed_out").catch(() => undefined), Math.max(0, timeoutSeconds * 1000 - elapsed));
    entry.timer.unref();
  }
}
