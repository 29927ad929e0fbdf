import { describe, expect, it } from "vitest";
import { KeyedLock } from "./keyed-lock";

const tick = () => new Promise((r) => setTimeout(r, 5));

describe("KeyedLock", () => {
  it("runs holders of one key one after another, in arrival order, and other keys in parallel", async () => {
    const lock = new KeyedLock();
    const events: string[] = [];
    const work = (name: string) => async () => {
      events.push(`${name}:start`);
      await tick();
      events.push(`${name}:end`);
    };
    await Promise.all([lock.with("a", work("a1")), lock.with("a", work("a2")), lock.with("b", work("b1"))]);
    expect(events.indexOf("a1:end")).toBeLessThan(events.indexOf("a2:start"));
    expect(events.indexOf("b1:start")).toBeLessThan(events.indexOf("a1:end"));
    expect(lock.isHeld("a")).toBe(false);
  });

  it("lets a waiter give up without breaking the queue behind it", async () => {
    const lock = new KeyedLock();
    let release!: () => void;
    const first = lock.with("k", () => new Promise<void>((r) => (release = r)));
    const controller = new AbortController();
    const gaveUp = lock.with("k", async () => "never", controller.signal);
    const third = lock.with("k", async () => "third");
    controller.abort(new Error("cancelled"));
    await expect(gaveUp).rejects.toThrow("cancelled");
    release();
    await first;
    expect(await third).toBe("third");
  });

  it("releases the key when the work throws", async () => {
    const lock = new KeyedLock();
    await expect(lock.with("k", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await lock.with("k", async () => 42)).toBe(42);
  });
});
