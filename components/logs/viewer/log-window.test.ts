import { describe, expect, it } from "vitest";
import { formatBytes, MAX_HELD_LINES, windowNote } from "./log-window";

const window = { size: 120_000_000, start: 115_000_000, firstLine: 991_234, limited: false, maxBytes: 16 * 1024 * 1024 };

describe("windowNote", () => {
  it("says nothing while the window is unknown or starts at the log's beginning", () => {
    expect(windowNote(null, 0)).toBeNull();
    expect(windowNote({ ...window, start: 0, firstLine: 0 }, 10)).toBeNull();
  });

  it("says how much is not loaded and that search and copy cover the loaded lines only", () => {
    const note = windowNote(window, 40_000);
    expect(note).toMatchObject({ earlierLines: 991_234, earlierBytes: 115_000_000, canLoadEarlier: true, limit: "" });
    expect(note?.text).toMatch(/^Lines 1–991,234 are not loaded \(109\.7 MB\)\. Search and Copy cover the loaded lines only/);
    expect(windowNote({ ...window, firstLine: 1, start: 20 }, 10)?.text).toMatch(/^Line 1 is not loaded \(20 B\)\./);
  });

  it("offers no earlier lines past the byte or line limit, and says why", () => {
    expect(windowNote({ ...window, limited: true }, 40_000)).toMatchObject({ canLoadEarlier: false, limit: expect.stringContaining("the last 16.0 MB") });
    expect(windowNote(window, MAX_HELD_LINES)).toMatchObject({ canLoadEarlier: false, limit: expect.stringContaining("300,000 lines") });
  });
});

describe("formatBytes", () => {
  it("uses the unit that keeps the number short", () => {
    expect([formatBytes(12), formatBytes(4096), formatBytes(4 * 1024 * 1024), formatBytes(3 * 1024 ** 3)]).toEqual(["12 B", "4.0 KB", "4.0 MB", "3.00 GB"]);
  });
});
