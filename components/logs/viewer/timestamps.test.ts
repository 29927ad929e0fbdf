import { describe, expect, it } from "vitest";
import { formatDuration, formatTimestamp } from "./timestamps";

describe("timestamps", () => {
  const start = Date.UTC(2025, 0, 2, 3, 4, 5);

  it("shows time since the run's first output, or the clock time", () => {
    expect(formatTimestamp("off", start, start)).toBe("");
    expect(formatTimestamp("relative", start + 7_345, start)).toBe("0:07.3");
    expect(formatTimestamp("relative", start + 760_000, start)).toBe("12:40.0");
    expect(formatTimestamp("relative", start + 3_723_000, start)).toBe("1:02:03");
    expect(formatTimestamp("relative", start - 5, start)).toBe("0:00.0");
    const d = new Date(start + 61_000);
    const clock = [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, "0")).join(":");
    expect(formatTimestamp("absolute", start + 61_000, start)).toBe(clock);
  });

  it("formats group durations", () => {
    expect(formatDuration(1_440)).toBe("1.4 s");
    expect(formatDuration(125_000)).toBe("2 m 05 s");
    expect(formatDuration(3_720_000)).toBe("1 h 02 m");
  });
});
