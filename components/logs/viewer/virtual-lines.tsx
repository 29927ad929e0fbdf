"use client";
// A virtual list of fixed-height rows: only the rows in view (plus overscan) exist in the DOM, so a
// million-line log scrolls like a short one. It can stick to the bottom (follow tail) and tells its
// owner when the user, not the code, scrolled.

import { useCallback, useEffect, useImperativeHandle, useLayoutEffect, useRef, useState, type ReactNode, type Ref } from "react";
import { geometry, rowInView, scrollTopForRow, visibleRows, type Align } from "./viewport";

export interface VirtualLinesHandle {
  scrollToRow(row: number, align?: Align): void;
  /** Scrolls to `row` only if it is not already entirely in view. */
  revealRow(row: number): void;
  scrollToEnd(): void;
  /** The first row at least partly in view. */
  firstVisibleRow(): number;
  focus(): void;
}

interface VirtualLinesProps {
  ref?: Ref<VirtualLinesHandle>;
  rowCount: number;
  rowHeight: number;
  overscan?: number;
  renderRow: (row: number) => ReactNode;
  /** Rows [first, end) are drawn: the owner loads what they show. */
  onRowsChange: (first: number, end: number) => void;
  /** Changes when what the rows show may have changed: onRowsChange is called again. */
  version: number;
  stickToBottom: boolean;
  /** The user scrolled, leaving this many px below the viewport. */
  onUserScroll: (belowPx: number) => void;
  className?: string;
  label: string;
}

export function VirtualLines({ ref, rowCount, rowHeight, overscan = 30, renderRow, onRowsChange, version, stickToBottom, onUserScroll, className = "", label }: VirtualLinesProps) {
  const scroller = useRef<HTMLDivElement>(null);
  /** The scrollTop the code last set: a scroll event landing there is not the user's. */
  const ownScroll = useRef<number | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(0);
  const g = geometry(rowCount, rowHeight, viewportHeight);
  const { first, end, top } = visibleRows(g, rowCount, scrollTop, overscan);

  const scrollTo = useCallback((value: number) => {
    const el = scroller.current;
    if (!el) return;
    el.scrollTop = value;
    ownScroll.current = el.scrollTop;
    setScrollTop(el.scrollTop);
  }, []);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setViewportHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    if (stickToBottom && scroller.current) scrollTo(scroller.current.scrollHeight);
  }, [stickToBottom, rowCount, viewportHeight, scrollTo]);

  useEffect(() => onRowsChange(first, end), [first, end, onRowsChange, version]);

  useImperativeHandle(ref, () => {
    // Measured now, not from state: a scroll asked for right after mounting must know the real viewport.
    const now = () => geometry(rowCount, rowHeight, scroller.current?.clientHeight ?? 0);
    const top = () => scroller.current?.scrollTop ?? 0;
    return {
      scrollToRow: (row, align = "center") => scrollTo(scrollTopForRow(now(), row, align)),
      revealRow: (row) => {
        if (!rowInView(now(), row, top())) scrollTo(scrollTopForRow(now(), row, "center"));
      },
      scrollToEnd: () => scrollTo(scroller.current?.scrollHeight ?? 0),
      firstVisibleRow: () => Math.floor((top() * now().ratio) / rowHeight),
      focus: () => scroller.current?.focus(),
    };
  }, [rowCount, rowHeight, scrollTo]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    setScrollTop(el.scrollTop);
    const own = ownScroll.current !== null && Math.abs(el.scrollTop - ownScroll.current) < 1;
    ownScroll.current = null;
    if (!own) onUserScroll(el.scrollHeight - el.scrollTop - el.clientHeight);
  };

  const rows: ReactNode[] = [];
  for (let row = first; row < end; row++) rows.push(renderRow(row));

  return (
    <div
      ref={scroller}
      onScroll={onScroll}
      tabIndex={0}
      role="region"
      aria-label={label}
      className={`relative overflow-auto overscroll-contain focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-500 ${className}`}
    >
      <div className="relative" style={{ height: g.height }}>
        <div className="absolute left-0 min-w-full" style={{ top }}>
          {rows}
        </div>
      </div>
    </div>
  );
}
