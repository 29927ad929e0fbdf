"use client";
// The rows of the log viewer: a line of text, a group's header, a cut notice. The line number and
// timestamp are drawn from attributes (CSS ::before), so a row's text is the line's text alone and
// selecting lines copies only the log.

import { Fragment, memo } from "react";
import { linePieces, spanCss } from "./palette";
import { findMatches } from "./search";
import { formatDuration } from "./timestamps";
import type { LogGroup, WireLine } from "./worker-protocol";

/** Row height in px: the viewer's font is 13px on a 20px line (Tailwind h-5 / leading-5). */
export const ROW_HEIGHT = 20;

interface GutterProps {
  line: number;
  stamp: string;
  highlighted: boolean;
  onNumberClick: (line: number) => void;
}

function Gutter({ line, stamp, highlighted, onNumberClick }: GutterProps) {
  const n = line + 1;
  return (
    <div
      className={`sticky left-0 z-10 flex shrink-0 items-center gap-3 border-r pr-2 pl-2 select-none ${
        highlighted ? "border-amber-300 bg-amber-100 dark:border-amber-700 dark:bg-amber-950" : "border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-950"
      }`}
    >
      <a
        href={`#L${n}`}
        data-label={n}
        aria-label={`Line ${n}`}
        tabIndex={-1}
        onClick={(e) => {
          e.preventDefault();
          onNumberClick(line);
        }}
        className="tl-label w-(--tl-gutter) text-right text-slate-400 hover:text-slate-700 hover:underline dark:text-slate-500 dark:hover:text-slate-200"
      />
      {stamp && <span data-label={stamp} className="tl-label w-[8ch] text-right text-slate-400 tabular-nums dark:text-slate-500" />}
    </div>
  );
}

// Matched text is drawn in one readable colour over the highlight, whatever colour the log gave it.
const MARKS = ["", "rounded-sm bg-yellow-200 text-slate-900 *:text-inherit! dark:bg-yellow-300/30 dark:text-white", "rounded-sm bg-orange-300 text-slate-900 ring-1 ring-orange-500 *:text-inherit! dark:bg-orange-500/60 dark:text-white"];

/** The text with its styles and search matches (`current`: which match is the current one, or -1). */
function StyledText({ line, text, pattern, current }: { line: WireLine | undefined; text: string; pattern: RegExp | null; current: number }) {
  const pieces = linePieces(text.length, line && line.text === text ? line.spans : [], findMatches(text, pattern), current);
  return pieces.map((piece) => {
    const content = text.slice(piece.start, piece.end);
    const css = piece.style ? spanCss(piece.style) : null;
    const styled = css?.className || css?.style;
    if (piece.mark) {
      return (
        <mark key={piece.start} className={MARKS[piece.mark]} data-current={piece.mark === 2 || undefined}>
          {styled ? (
            <span className={css.className} style={css.style}>
              {content}
            </span>
          ) : (
            content
          )}
        </mark>
      );
    }
    return styled ? (
      <span key={piece.start} className={css.className} style={css.style}>
        {content}
      </span>
    ) : (
      <Fragment key={piece.start}>{content}</Fragment>
    );
  });
}

interface RowProps {
  index: number;
  line: WireLine | undefined;
  stamp: string;
  pattern: RegExp | null;
  /** Which match on this line is the current one, or -1. */
  current: number;
  highlighted: boolean;
  onNumberClick: (line: number) => void;
}

export const LogLineRow = memo(function LogLineRow({ index, line, stamp, pattern, current, highlighted, onNumberClick }: RowProps) {
  const cut = line?.kind === "cut";
  const tone = highlighted
    ? "bg-amber-50 dark:bg-amber-400/10"
    : cut
      ? "bg-amber-50/70 text-amber-800 italic dark:bg-amber-950/40 dark:text-amber-300"
      : "hover:bg-slate-100/70 dark:hover:bg-slate-800/40";
  return (
    <div data-testid="log-line" data-line={index + 1} data-kind={line?.kind} className={`flex h-5 ${tone}`}>
      <Gutter line={index} stamp={stamp} highlighted={highlighted} onNumberClick={onNumberClick} />
      <div className="pr-6 pl-3 whitespace-pre">
        <StyledText line={line} text={line?.text ?? ""} pattern={pattern} current={current} />
      </div>
    </div>
  );
});

interface GroupRowProps extends Omit<RowProps, "line"> {
  group: LogGroup;
  collapsed: boolean;
  /** Lines inside the group. */
  size: number;
  running: boolean;
  onToggle: (start: number) => void;
}

export const GroupHeaderRow = memo(function GroupHeaderRow({ index, group, collapsed, size, running, stamp, pattern, current, highlighted, onNumberClick, onToggle }: GroupRowProps) {
  const duration = group.endTime !== null ? formatDuration(group.endTime - group.startTime) : running ? "running…" : "";
  return (
    <div
      data-testid="log-group"
      data-line={index + 1}
      className={`flex h-5 ${highlighted ? "bg-amber-50 dark:bg-amber-400/10" : "bg-slate-100/80 hover:bg-slate-200/70 dark:bg-slate-800/50 dark:hover:bg-slate-800"}`}
    >
      <Gutter line={index} stamp={stamp} highlighted={highlighted} onNumberClick={onNumberClick} />
      <button
        type="button"
        onClick={() => onToggle(group.start)}
        aria-expanded={!collapsed}
        className="flex grow items-center gap-1.5 pr-6 pl-2 text-left font-sans text-xs font-semibold whitespace-pre focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-500"
        style={{ paddingLeft: `${0.5 + group.depth}rem` }}
      >
        <svg viewBox="0 0 16 16" width={12} height={12} aria-hidden className={`shrink-0 text-slate-500 transition-transform ${collapsed ? "" : "rotate-90"}`}>
          <path d="M6 3.5 10.5 8 6 12.5" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        <span>
          <StyledText line={undefined} text={group.name} pattern={pattern} current={current} />
        </span>
        <span className="font-normal text-slate-500 dark:text-slate-400">
          {[duration, collapsed ? `${size.toLocaleString()} line${size === 1 ? "" : "s"}` : ""].filter(Boolean).join(" · ")}
        </span>
      </button>
    </div>
  );
});

/** A row whose line has not arrived from the worker yet: same height, number only. */
export function PendingRow({ index, onNumberClick }: { index: number; onNumberClick: (line: number) => void }) {
  return (
    <div data-testid="log-line" data-line={index + 1} className="flex h-5">
      <Gutter line={index} stamp="" highlighted={false} onNumberClick={onNumberClick} />
    </div>
  );
}
