"use client";
// The note above a big log's window: how much of the log before it is not loaded, and how to get it.

import { windowNote } from "./log-window";
import type { LogWindow } from "./use-log-worker";

const buttonClass =
  "inline-flex h-6 items-center rounded-md border border-amber-300 bg-white px-2 text-xs font-medium text-amber-900 hover:bg-amber-100 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-500 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200 dark:hover:bg-amber-900";

export interface LogWindowBannerProps {
  window: LogWindow | null;
  /** Lines the viewer holds now. */
  heldLines: number;
  /** A permalinked line (0-based) before the window, or null. */
  target: number | null;
  onLoadEarlier: () => void;
  downloadHref: string;
}

export function LogWindowBanner({ window, heldLines, target, onLoadEarlier, downloadHref }: LogWindowBannerProps) {
  const note = windowNote(window, heldLines);
  if (!note) return null;
  return (
    <div data-testid="log-window" className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-amber-200 bg-amber-50 px-3 py-1.5 text-xs text-amber-900 dark:border-amber-900 dark:bg-amber-950/60 dark:text-amber-200">
      <p className="min-w-0 grow">
        {target !== null && <strong className="font-semibold">The linked line {(target + 1).toLocaleString("en")} is not loaded. </strong>}
        {note.text}
        {note.limit && ` ${note.limit}`}
      </p>
      {note.canLoadEarlier && (
        <button type="button" className={buttonClass} onClick={onLoadEarlier}>
          Load earlier
        </button>
      )}
      <a href={downloadHref} download className={buttonClass}>
        Download raw
      </a>
    </div>
  );
}
