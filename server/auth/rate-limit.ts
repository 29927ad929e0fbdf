/**
 * Counts failed sign-ins per IP and per account in a sliding window, in memory
 * (one panel process). Successful sign-in clears the account's failures.
 */
export interface RateLimitPolicy {
  windowMs: number;
  maxPerAccount: number;
  maxPerIp: number;
}

export const defaultLoginPolicy: RateLimitPolicy = { windowMs: 15 * 60_000, maxPerAccount: 5, maxPerIp: 20 };

export class LoginRateLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly policy: RateLimitPolicy = defaultLoginPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until the next attempt is allowed, or 0 when it is allowed now. */
  retryAfterMs(ip: string, account: string): number {
    return Math.max(this.wait(`ip:${ip}`, this.policy.maxPerIp), this.wait(`account:${account.toLowerCase()}`, this.policy.maxPerAccount));
  }

  recordFailure(ip: string, account: string): void {
    for (const key of [`ip:${ip}`, `account:${account.toLowerCase()}`]) {
      const list = this.recent(key);
      list.push(this.now());
      this.failures.set(key, list);
    }
  }

  recordSuccess(account: string): void {
    this.failures.delete(`account:${account.toLowerCase()}`);
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.policy.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length === 0) this.failures.delete(key);
    return list;
  }

  private wait(key: string, max: number): number {
    const list = this.recent(key);
    if (list.length < max) return 0;
    const oldestCounted = list[list.length - max] ?? this.now();
    return Math.max(0, oldestCounted + this.policy.windowMs - this.now());
  }
}
