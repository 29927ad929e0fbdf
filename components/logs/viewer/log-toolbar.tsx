"use client";
// The viewer's toolbar: connection status, search, timestamps, follow tail, copy and download.

import { useState, type Ref } from "react";
import type { TimestampMode } from "./timestamps";
import type { Connection } from "./use-log-worker";

const buttonClass =
  "inline-flex h-7 items-center gap-1 rounded-md border border-slate-300 bg-white px-2 text-xs font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-500 disabled:cursor-not-allowed disabled:opacity-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800";

function StatusChip({ connection, onRetry }: { connection: Connection; onRetry: () => void }) {
  const look: Record<Connection["state"], [string, string]> = {
    connecting: ["Connecting…", "bg-slate-400"],
    live: ["Live", "bg-emerald-500 animate-pulse"],
    reconnecting: ["Reconnecting…", "bg-amber-500 animate-pulse"],
    complete: ["Complete", "bg-slate-400 dark:bg-slate-500"],
    error: ["Disconnected", "bg-rose-500"],
  };
  const [label, dot] = look[connection.state];
  return (
    <span className="inline-flex items-center gap-2 text-xs font-medium text-slate-600 dark:text-slate-300" data-testid="log-status" data-state={connection.state} role="status">
      <span className={`h-2 w-2 rounded-full ${dot}`} aria-hidden />
      {label}
      {connection.state === "error" && (
        <>
          <span className="max-w-64 truncate font-normal text-rose-700 dark:text-rose-300" title={connection.message}>
            {connection.message}
          </span>
          <button type="button" className={buttonClass} onClick={onRetry}>
            Retry
          </button>
        </>
      )}
    </span>
  );
}

export interface SearchCount {
  /** Index of the current match, or -1 before one is chosen. */
  current: number;
  total: number;
  capped: boolean;
  done: boolean;
}

function countLabel(query: string, count: SearchCount): string {
  if (!query) return "";
  const more = count.capped ? "+" : "";
  const pending = count.done ? "" : "…";
  if (count.total === 0) return count.done ? "No matches" : "Searching…";
  const total = `${count.total.toLocaleString()}${more}`;
  return count.current >= 0 ? `${(count.current + 1).toLocaleString()} of ${total}${pending}` : `${total} matches${pending}`;
}

function Arrow({ up }: { up?: boolean }) {
  return (
    <svg viewBox="0 0 16 16" width={14} height={14} aria-hidden>
      <path d={up ? "M4 10l4-4 4 4" : "M4 6l4 4 4-4"} fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

export interface LogToolbarProps {
  connection: Connection;
  onRetry: () => void;
  /** The number of the log's last line loaded. */
  lineCount: number;
  /** Only the end of the log is loaded: search and copy cover that part. */
  partial: boolean;
  searchRef: Ref<HTMLInputElement>;
  query: string;
  onQuery: (query: string) => void;
  count: SearchCount;
  onStep: (direction: 1 | -1) => void;
  timestamps: TimestampMode;
  onTimestamps: (mode: TimestampMode) => void;
  follow: boolean;
  onFollow: (follow: boolean) => void;
  onJumpToEnd: () => void;
  onCopyAll: () => Promise<void>;
  downloadHref: string;
}

export function LogToolbar({
  connection,
  onRetry,
  lineCount,
  partial,
  searchRef,
  query,
  onQuery,
  count,
  onStep,
  timestamps,
  onTimestamps,
  follow,
  onFollow,
  onJumpToEnd,
  onCopyAll,
  downloadHref,
}: LogToolbarProps) {
  const [copied, setCopied] = useState<"idle" | "copying" | "copied" | "failed">("idle");
  const copy = async () => {
    setCopied("copying");
    try {
      await onCopyAll();
      setCopied("copied");
    } catch {
      setCopied("failed");
    }
    setTimeout(() => setCopied("idle"), 1500);
  };
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-slate-200 px-3 py-2 dark:border-slate-800">
      <StatusChip connection={connection} onRetry={onRetry} />
      <span className="text-xs text-slate-500 tabular-nums dark:text-slate-400">
        {lineCount.toLocaleString()} line{lineCount === 1 ? "" : "s"}
      </span>
      <div className="ml-auto flex items-center gap-1">
        <input
          ref={searchRef}
          type="search"
          data-testid="log-search"
          aria-label={partial ? "Search the loaded lines" : "Search the log"}
          placeholder={partial ? "Search loaded lines" : "Search log"}
          value={query}
          onChange={(e) => onQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              onStep(e.shiftKey ? -1 : 1);
            } else if (e.key === "Escape") onQuery("");
          }}
          className="h-7 w-52 rounded-md border border-slate-300 bg-white px-2 text-xs text-slate-900 placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100"
        />
        <span data-testid="log-search-count" aria-live="polite" className="min-w-20 px-1 text-center text-[11px] text-slate-500 tabular-nums dark:text-slate-400">
          {countLabel(query, count)}
        </span>
        <button type="button" className={buttonClass} aria-label="Previous match" disabled={count.total === 0} onClick={() => onStep(-1)}>
          <Arrow up />
        </button>
        <button type="button" className={buttonClass} aria-label="Next match" disabled={count.total === 0} onClick={() => onStep(1)}>
          <Arrow />
        </button>
      </div>
      <div className="flex flex-wrap items-center gap-1">
        <select aria-label="Timestamps" value={timestamps} onChange={(e) => onTimestamps(e.target.value as TimestampMode)} className={`${buttonClass} pr-1`}>
          <option value="off">No timestamps</option>
          <option value="relative">Relative time</option>
          <option value="absolute">Clock time</option>
        </select>
        <button type="button" data-testid="log-follow" aria-pressed={follow} className={buttonClass} onClick={() => onFollow(!follow)} title="Keep the newest line in view">
          <span className={`h-2 w-2 rounded-full ${follow ? "bg-indigo-500" : "border border-slate-400"}`} aria-hidden />
          Follow
        </button>
        <button type="button" className={buttonClass} onClick={onJumpToEnd}>
          Jump to end
        </button>
        <button type="button" className={buttonClass} onClick={() => void copy()} disabled={copied === "copying" || lineCount === 0}>
          {copied === "copied" ? "Copied" : copied === "failed" ? "Copy failed" : partial ? "Copy loaded" : "Copy all"}
        </button>
        <a href={downloadHref} download className={buttonClass}>
          Download raw
        </a>
      </div>
    </div>
  );
}
