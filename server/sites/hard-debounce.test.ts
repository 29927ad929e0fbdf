import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { HardDebounce, type DebounceClock } from "./hard-debounce";

// Fake timers drive both the clock and the timers: Date.now advances with vi.advanceTimersByTime.
const fakeClock: DebounceClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

const QUIET = 200;
const MAX = 1_000;

function debounce() {
  const firedAt: number[] = [];
  const start = Date.now();
  const d = new HardDebounce(() => firedAt.push(Date.now() - start), { quietMs: QUIET, maxMs: MAX, clock: fakeClock });
  return { d, firedAt };
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});

afterEach(() => {
  vi.useRealTimers();
});

describe("HardDebounce", () => {
  it("fires once, quietMs after the last event of a short burst", () => {
    const { d, firedAt } = debounce();
    d.trigger();
    vi.advanceTimersByTime(50);
    d.trigger();
    vi.advanceTimersByTime(50);
    d.trigger();
    expect(d.pending).toBe(true);
    vi.advanceTimersByTime(QUIET - 1);
    expect(firedAt).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(firedAt).toEqual([100 + QUIET]);
    expect(d.pending).toBe(false);
    vi.advanceTimersByTime(10 * MAX);
    expect(firedAt).toHaveLength(1);
  });

  it("fires maxMs after the first event while events keep coming every 50 ms", () => {
    const { d, firedAt } = debounce();
    const noise = setInterval(() => d.trigger(), 50);
    d.trigger();
    vi.advanceTimersByTime(MAX - 1);
    expect(firedAt).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(firedAt).toEqual([MAX]);
    // The noise goes on: each later burst is bounded the same way, counted from its own first event.
    vi.advanceTimersByTime(MAX + 50);
    expect(firedAt).toEqual([MAX, 2 * MAX + 50]);
    // When the noise stops, its last burst ends with the quiet period.
    vi.advanceTimersByTime(100);
    clearInterval(noise);
    vi.advanceTimersByTime(10 * MAX);
    expect(firedAt).toEqual([MAX, 2 * MAX + 50, 2 * MAX + 150 + QUIET]);
  });

  it("schedules a new firing for a burst after a firing, measured from that burst", () => {
    const { d, firedAt } = debounce();
    d.trigger();
    vi.advanceTimersByTime(QUIET);
    expect(firedAt).toEqual([QUIET]);
    vi.advanceTimersByTime(5_000);
    d.trigger();
    vi.advanceTimersByTime(QUIET - 1);
    d.trigger();
    vi.advanceTimersByTime(QUIET);
    expect(firedAt).toEqual([QUIET, QUIET + 5_000 + 2 * QUIET - 1]);
  });

  it("does not fire after dispose, and ignores later events", () => {
    const { d, firedAt } = debounce();
    d.trigger();
    d.dispose();
    d.trigger();
    vi.advanceTimersByTime(10 * MAX);
    expect(firedAt).toEqual([]);
    expect(d.pending).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("keeps one timer per burst however many events arrive", () => {
    const { d } = debounce();
    for (let i = 0; i < 1_000; i++) d.trigger();
    expect(vi.getTimerCount()).toBe(1);
  });

  it("refuses a maximum shorter than the quiet period", () => {
    expect(() => new HardDebounce(() => undefined, { quietMs: 500, maxMs: 100 })).toThrow(RangeError);
  });
});
