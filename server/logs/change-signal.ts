import "server-only";

/**
 * "Something changed" for any number of waiters, with no queue: `next()` gives a promise settled by
 * the next `notify()`. Take it before looking at the state, so a change in between is not missed.
 */
export class ChangeSignal {
  private waiting: { promise: Promise<void>; resolve: () => void } | null = null;

  next(): Promise<void> {
    if (!this.waiting) {
      let resolve!: () => void;
      const promise = new Promise<void>((res) => (resolve = res));
      this.waiting = { promise, resolve };
    }
    return this.waiting.promise;
  }

  notify(): void {
    this.waiting?.resolve();
    this.waiting = null;
  }
}

/** Settles when `changed` does or the signal aborts, without leaving a listener behind. */
export function changedOrAborted(changed: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return changed;
  if (signal.aborted) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const onAbort = () => resolve();
    signal.addEventListener("abort", onAbort, { once: true });
    void changed.then(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    });
  });
}
