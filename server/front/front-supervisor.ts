import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import type { DockerPort } from "@/server/docker/port";
import { ensureFrontContainer, type FrontContainerAction, type FrontContainerOptions } from "./front-container";

export type FrontSupervisorDocker = Pick<DockerPort, "ping" | "containers" | "images" | "networks" | "events">;

export interface FrontSupervisorTiming {
  /** Wait after an event before ensuring, so a burst (die → restart) becomes one check. */
  debounceMs: number;
  /** First retry after a failed ensure or a lost event stream; doubles up to maxRetryMs. */
  retryMs: number;
  maxRetryMs: number;
}

export type FrontSupervisorReport = { ok: true; id: string; action: FrontContainerAction } | { ok: false; error: string };

/** Container events after which the front may be gone or stopped for good (a restart by policy is seen as running). */
const WATCHED_ACTIONS = new Set(["die", "destroy", "stop", "kill", "oom"]);
const DEFAULT_TIMING: FrontSupervisorTiming = { debounceMs: 1_000, retryMs: 1_000, maxRetryMs: 10_000 };

/**
 * Keeps the front container up while the panel runs: ensures it at start, after Docker says it died or was
 * removed (unless the engine's restart policy already brought it back), and after the engine returns from a loss.
 */
export class FrontSupervisor {
  private readonly timing: FrontSupervisorTiming;
  private controller: AbortController | null = null;
  private following: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private failures = 0;
  private last: FrontSupervisorReport | null = null;

  private readonly onReport: (report: FrontSupervisorReport) => void;

  constructor(
    private readonly docker: FrontSupervisorDocker,
    private readonly options: FrontContainerOptions,
    extra: { onReport?: (report: FrontSupervisorReport) => void; timing?: Partial<FrontSupervisorTiming> } = {},
  ) {
    this.timing = { ...DEFAULT_TIMING, ...extra.timing };
    this.onReport = extra.onReport ?? (() => undefined);
  }

  /** The outcome of the latest ensure, or null before the first one finished. */
  get lastReport(): FrontSupervisorReport | null {
    return this.last;
  }

  start(): void {
    if (this.controller) return;
    this.controller = new AbortController();
    this.following = this.follow(this.controller.signal);
  }

  /** Stops watching; an ensure in progress is allowed to finish. The container keeps running. */
  async stop(): Promise<void> {
    this.controller?.abort();
    this.controller = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.following;
    await this.running;
  }

  /** Follows container events. Each (re)subscription ensures at once: the engine may have come back without the front. */
  private async follow(signal: AbortSignal): Promise<void> {
    let lost = 0;
    while (!signal.aborted) {
      if (lost > 0) {
        const answered = await this.docker.ping().then(() => true, () => false);
        if (!answered) {
          await sleep(this.backoff(++lost), undefined, { signal }).catch(() => undefined);
          continue;
        }
      }
      // Replaying from just before the ensure closes the gap between that check and the stream opening.
      const since = Math.floor(Date.now() / 1000) - 1;
      this.schedule(0, { replacePending: true });
      try {
        for await (const event of this.docker.events({ types: ["container"], since }, signal)) {
          if (event.name === this.options.name && WATCHED_ACTIONS.has(event.action)) this.schedule(this.timing.debounceMs);
        }
      } catch {
        // The engine went away: ping until it answers, then subscribe again.
      }
      lost = 1;
      await sleep(this.backoff(lost), undefined, { signal }).catch(() => undefined);
    }
  }

  /** At most one ensure pending and one running; a request during a run makes it run once more afterwards. */
  private schedule(delayMs: number, { replacePending = false } = {}): void {
    if (!this.controller) return;
    if (this.timer && !replacePending) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.running) this.again = true;
      else this.running = this.ensure().finally(() => (this.running = null));
    }, delayMs);
    this.timer.unref();
  }

  private async ensure(): Promise<void> {
    let retryMs: number | null = null;
    do {
      this.again = false;
      try {
        const result = await ensureFrontContainer(this.docker, this.options);
        this.failures = 0;
        this.report({ ok: true, ...result });
      } catch (error) {
        retryMs = this.backoff(++this.failures);
        this.report({ ok: false, error: error instanceof Error ? error.message : String(error) });
      }
    } while (this.again && retryMs === null && this.controller);
    if (retryMs !== null) this.schedule(retryMs);
  }

  private report(report: FrontSupervisorReport): void {
    this.last = report;
    this.onReport(report);
  }

  private backoff(attempt: number): number {
    return Math.min(this.timing.retryMs * 2 ** Math.max(0, attempt - 1), this.timing.maxRetryMs);
  }
}
