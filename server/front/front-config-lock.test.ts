import { describe, expect, it } from "vitest";
import { FrontConfigLock, FrontLockTimeoutError } from "./front-config-lock";

describe("FrontConfigLock", () => {
  it("runs holders one after another", async () => {
    const lock = new FrontConfigLock();
    const order: string[] = [];
    const step = (name: string) => lock.run(async () => {
      order.push(`${name} start`);
      await new Promise((r) => setTimeout(r, 20));
      order.push(`${name} end`);
    }, 1_000);
    await Promise.all([step("a"), step("b")]);
    expect(order).toEqual(["a start", "a end", "b start", "b end"]);
  });

  it("a hung holder times out, is aborted, and the next one still runs", async () => {
    const lock = new FrontConfigLock();
    let aborted = false;
    const hung = lock.run((signal) => new Promise<never>(() => signal.addEventListener("abort", () => (aborted = true))), 50);
    const next = lock.run(async () => "ran", 1_000);
    await expect(hung).rejects.toBeInstanceOf(FrontLockTimeoutError);
    expect(aborted).toBe(true);
    await expect(next).resolves.toBe("ran");
  });
});
