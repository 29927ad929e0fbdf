/** What a debouncer needs from time: a monotonic clock and one-shot timers. Tests pass fakes. */
export interface DebounceClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: DebounceClock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface HardDebounceOptions {
  /** Fire once this long has passed without a new event. */
  quietMs: number;
  /** Fire at the latest this long after the first event not yet fired, even if events never stop. */
  maxMs: number;
  clock?: DebounceClock;
}

/**
 * Collapses a burst of events into one call of `fire`. A plain debounce never fires while events keep
 * coming (a log file written under a watched tree would starve it); this one also fires `maxMs` after
 * the first pending event. Events after a firing start a new burst. `fire` must not throw: it runs
 * from a timer, where nobody could catch it.
 */
export class HardDebounce {
  private readonly quietMs: number;
  private readonly maxMs: number;
  private readonly clock: DebounceClock;
  private firstAt: number | null = null;
  private lastAt = 0;
  private timer: unknown = null;
  private disposed = false;

  constructor(
    private readonly fire: () => void,
    options: HardDebounceOptions,
  ) {
    if (!(options.quietMs >= 0) || !(options.maxMs >= options.quietMs)) {
      throw new RangeError(`a debounce needs 0 ≤ quietMs ≤ maxMs (got quietMs ${options.quietMs}, maxMs ${options.maxMs})`);
    }
    this.quietMs = options.quietMs;
    this.maxMs = options.maxMs;
    this.clock = options.clock ?? systemClock;
  }

  /** Whether an event is waiting to be fired. */
  get pending(): boolean {
    return this.firstAt !== null;
  }

  /** Records one event. */
  trigger(): void {
    if (this.disposed) return;
    const now = this.clock.now();
    this.lastAt = now;
    if (this.firstAt === null) this.firstAt = now;
    // One timer per burst: it re-arms itself for the remaining time instead of being reset on every event.
    if (this.timer === null) this.arm(this.quietMs);
  }

  /** Drops a pending event and ignores later ones. */
  dispose(): void {
    this.disposed = true;
    this.firstAt = null;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(ms: number): void {
    this.timer = this.clock.setTimeout(() => this.onTimer(), Math.max(0, ms));
  }

  private onTimer(): void {
    this.timer = null;
    if (this.disposed || this.firstAt === null) return;
    const due = Math.min(this.lastAt + this.quietMs, this.firstAt + this.maxMs);
    const now = this.clock.now();
    if (now < due) {
      this.arm(due - now);
      return;
    }
    this.firstAt = null;
    this.fire();
  }
}
