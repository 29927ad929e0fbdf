import { describe, expect, it } from "vitest";
import { defaultLoginPolicy, LoginRateLimiter } from "./rate-limit";

const MINUTE = 60_000;

/** A limiter on a clock the test moves by hand. */
function limiterAt(start = 1_000_000, policy = { windowMs: 15 * MINUTE, maxPerAccount: 5, maxPerIp: 20 }) {
  const clock = { now: start };
  const limiter = new LoginRateLimiter(policy, () => clock.now);
  return { limiter, clock };
}

describe("LoginRateLimiter", () => {
  it("defaults to 5 failures per account and 20 per IP in 15 minutes", () => {
    expect(defaultLoginPolicy).toEqual({ windowMs: 15 * MINUTE, maxPerAccount: 5, maxPerIp: 20 });
  });

  it("lets an account fail 5 times, then blocks it for the rest of the window", () => {
    const { limiter, clock } = limiterAt();
    for (let i = 0; i < 4; i++) {
      limiter.recordFailure("10.0.0.1", "admin@example.com");
      clock.now += MINUTE;
    }
    expect(limiter.retryAfterMs("10.0.0.1", "admin@example.com")).toBe(0);
    limiter.recordFailure("10.0.0.1", "admin@example.com");
    // The first failure was 4 minutes ago: it leaves the 15-minute window in 11 minutes.
    expect(limiter.retryAfterMs("10.0.0.1", "admin@example.com")).toBe(11 * MINUTE);
  });

  it("blocks the account from any IP, but not other accounts from the same IP", () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 5; i++) limiter.recordFailure("10.0.0.1", "admin@example.com");
    expect(limiter.retryAfterMs("192.0.2.7", "admin@example.com")).toBeGreaterThan(0);
    expect(limiter.retryAfterMs("10.0.0.1", "other@example.com")).toBe(0);
  });

  it("treats the account name case-insensitively", () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 5; i++) limiter.recordFailure("10.0.0.1", i % 2 ? "Admin@Example.com" : "admin@example.com");
    expect(limiter.retryAfterMs("10.0.0.2", "ADMIN@EXAMPLE.COM")).toBeGreaterThan(0);
  });

  it("blocks an IP after 20 failures spread over many accounts", () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 19; i++) limiter.recordFailure("203.0.113.9", `user${i}@example.com`);
    expect(limiter.retryAfterMs("203.0.113.9", "fresh@example.com")).toBe(0);
    limiter.recordFailure("203.0.113.9", "user19@example.com");
    expect(limiter.retryAfterMs("203.0.113.9", "fresh@example.com")).toBe(15 * MINUTE);
    // Another address trying the same fresh account is not affected.
    expect(limiter.retryAfterMs("203.0.113.10", "fresh@example.com")).toBe(0);
  });

  it("allows the account again once its failures leave the window", () => {
    const { limiter, clock } = limiterAt();
    for (let i = 0; i < 5; i++) limiter.recordFailure("10.0.0.1", "admin@example.com");
    clock.now += 15 * MINUTE - 1;
    expect(limiter.retryAfterMs("10.0.0.1", "admin@example.com")).toBe(1);
    clock.now += 1;
    expect(limiter.retryAfterMs("10.0.0.1", "admin@example.com")).toBe(0);
  });

  it("counts a sliding window: old failures stop counting one by one", () => {
    const { limiter, clock } = limiterAt();
    for (let i = 0; i < 5; i++) {
      limiter.recordFailure("10.0.0.1", "admin@example.com");
      clock.now += 2 * MINUTE;
    }
    // Failures at 0, 2, 4, 6, 8 minutes; now 10. The one at 0 leaves at 15.
    expect(limiter.retryAfterMs("10.0.0.1", "admin@example.com")).toBe(5 * MINUTE);
    clock.now += 5 * MINUTE;
    expect(limiter.retryAfterMs("10.0.0.1", "admin@example.com")).toBe(0);
    // One more failure brings it back to 5 in the window; the oldest counted (at 2) leaves at 17.
    limiter.recordFailure("10.0.0.1", "admin@example.com");
    expect(limiter.retryAfterMs("10.0.0.1", "admin@example.com")).toBe(2 * MINUTE);
  });

  it("a successful sign-in clears the account's failures, not the IP's", () => {
    const { limiter } = limiterAt(0, { windowMs: 15 * MINUTE, maxPerAccount: 5, maxPerIp: 6 });
    for (let i = 0; i < 4; i++) limiter.recordFailure("10.0.0.1", "admin@example.com");
    limiter.recordSuccess("ADMIN@example.com");
    // Four fresh failures would have blocked the account had the earlier four still counted.
    for (let i = 0; i < 4; i++) limiter.recordFailure("10.0.0.2", "admin@example.com");
    expect(limiter.retryAfterMs("10.0.0.2", "admin@example.com")).toBe(0);
    // The first IP keeps its 4 failures: two more reach its limit of 6.
    limiter.recordFailure("10.0.0.1", "someone@example.com");
    expect(limiter.retryAfterMs("10.0.0.1", "someone@example.com")).toBe(0);
    limiter.recordFailure("10.0.0.1", "someone@example.com");
    expect(limiter.retryAfterMs("10.0.0.1", "someone@example.com")).toBeGreaterThan(0);
  });
});
