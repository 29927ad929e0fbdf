import "server-only";

export class FrontLockTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FrontLockTimeoutError";
  }
}

/**
 * Serializes front-config assembly in this process. A holder gets `timeoutMs`: past it the caller gets an error,
 * the holder's signal aborts and the lock passes on, so a hung render can never block the panel.
 */
export class FrontConfigLock {
  private tail: Promise<void> = Promise.resolve();

  run<T>(fn: (signal: AbortSignal) => Promise<T>, timeoutMs: number): Promise<T> {
    const previous = this.tail;
    let release = (): void => undefined;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    const controller = new AbortController();
    const started = Date.now();
    const work = (async () => {
      await waitAtMost(previous, timeoutMs);
      if (Date.now() - started >= timeoutMs) throw new FrontLockTimeoutError(`the front config lock was not free within ${timeoutMs} ms`);
      return fn(controller.signal);
    })();
    const timer = new Promise<never>((_, reject) => {
      const handle = setTimeout(() => {
        controller.abort(new FrontLockTimeoutError(`front config assembly took longer than ${timeoutMs} ms`));
        reject(new FrontLockTimeoutError(`front config assembly took longer than ${timeoutMs} ms`));
      }, timeoutMs);
      void work.finally(() => clearTimeout(handle)).catch(() => undefined);
    });
    return Promise.race([work, timer]).finally(release);
  }
}

async function waitAtMost(promise: Promise<void>, ms: number): Promise<void> {
  let handle: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([promise, new Promise<void>((resolve) => (handle = setTimeout(resolve, ms)))]);
  clearTimeout(handle);
}
