// What the viewer says about the part of a big log it holds: the window starts at a line boundary
// some way into the log (runs.logWindow), and the lines before it are not loaded until asked for.

import type { LogWindow } from "./use-log-worker";

/** Past this many lines held, the viewer offers no more earlier lines (it would grow without bound). */
export const MAX_HELD_LINES = 300_000;

export interface WindowNote {
  /** Lines before the window (not loaded). */
  earlierLines: number;
  earlierBytes: number;
  canLoadEarlier: boolean;
  text: string;
  /** Why no more can be loaded, or "". */
  limit: string;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

/** The note above a window that does not start at the log's beginning, or null. */
export function windowNote(window: LogWindow | null, heldLines: number): WindowNote | null {
  if (!window || window.start === 0 || window.firstLine === null) return null;
  const lines = window.firstLine;
  const which = lines === 1 ? "Line 1 is" : `Lines 1–${lines.toLocaleString("en")} are`;
  const text = `${which} not loaded (${formatBytes(window.start)}). Search and Copy cover the loaded lines only; output that redraws lines across the boundary may show differently.`;
  const limit = window.limited
    ? `The viewer holds at most the last ${formatBytes(window.maxBytes)}: download the raw log for the rest.`
    : heldLines >= MAX_HELD_LINES
      ? `The viewer holds at most ${MAX_HELD_LINES.toLocaleString("en")} lines: download the raw log for the rest.`
      : "";
  return { earlierLines: lines, earlierBytes: window.start, canLoadEarlier: limit === "", text, limit };
}
