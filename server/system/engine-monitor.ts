import "server-only";
import type { DockerPort } from "@/server/docker/port";

export interface EngineStatus {
  reachable: boolean;
  version: string | null;
  apiVersion: string | null;
  /** Why the engine is not reachable, phrased for a person. */
  error: string | null;
  checkedAt: string;
}

type Listener = (status: EngineStatus) => void;

/**
 * Keeps a current view of the Docker engine: pings it on an interval (faster while it is down),
 * so the panel keeps working without Docker and notices when it comes back.
 */
export class EngineMonitor {
  private current: EngineStatus = { reachable: false, version: null, apiVersion: null, error: "not checked yet", checkedAt: new Date(0).toISOString() };
  private readonly listeners = new Set<Listener>();
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<EngineStatus> | null = null;

  constructor(
    private readonly docker: DockerPort,
    private readonly intervals = { upMs: 10_000, downMs: 2_000 },
  ) {}

  get status(): EngineStatus {
    return this.current;
  }

  /** Checks now (concurrent callers share one check). */
  check(): Promise<EngineStatus> {
    this.checking ??= this.probe().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  start(): void {
    if (this.timer) return;
    const loop = async () => {
      await this.check();
      this.timer = setTimeout(() => void loop(), this.current.reachable ? this.intervals.upMs : this.intervals.downMs);
      this.timer.unref();
    };
    void loop();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async probe(): Promise<EngineStatus> {
    const checkedAt = new Date().toISOString();
    let next: EngineStatus;
    try {
      await this.docker.ping();
      const version = this.current.reachable && this.current.version ? null : await this.docker.version();
      next = {
        reachable: true,
        version: version?.version ?? this.current.version,
        apiVersion: version?.apiVersion ?? this.current.apiVersion,
        error: null,
        checkedAt,
      };
    } catch (error) {
      next = { reachable: false, version: null, apiVersion: null, error: error instanceof Error ? error.message : String(error), checkedAt };
    }
    const changed = next.reachable !== this.current.reachable || next.version !== this.current.version || next.error !== this.current.error;
    this.current = next;
    if (changed) for (const listener of this.listeners) listener(next);
    return next;
  }
}
