"use client";
// A run's log, live: parsed off the main thread (log.worker.ts), drawn as a virtual list of the lines
// in view, with groups per step, search, timestamps, follow tail and line permalinks (#L123). A big log
// opens at its tail: the worker holds a window of it (`base` lines in), earlier lines load on demand.

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type CSSProperties } from "react";
import { copyText } from "./clipboard";
import { buildRowMap, collapsedAround, expandAround, groupSize, lineRangesOfRows, nearestRow, rowToLine } from "./groups";
import { GroupHeaderRow, LogLineRow, PendingRow, ROW_HEIGHT } from "./log-line";
import { LogToolbar } from "./log-toolbar";
import { LogWindowBanner } from "./log-window-banner";
import { paletteCss } from "./palette";
import { currentHash, lineOfHash, serverHash, setLineHash, subscribeHash } from "./permalink";
import { lowerBound, searchPattern } from "./search";
import { formatTimestamp, type TimestampMode } from "./timestamps";
import { useLogWorker } from "./use-log-worker";
import { VirtualLines, type VirtualLinesHandle } from "./virtual-lines";

const PALETTE_CSS = paletteCss();

export interface LogViewerProps {
  runId: string;
  /** The run may still write to its log: follow the tail from the start (default true). */
  live?: boolean;
  className?: string;
}

export function LogViewer({ runId, live = true, className = "" }: LogViewerProps) {
  const { client, connection, log, retry, window: logWindow, loadEarlier, openAt } = useLogWorker(runId);
  const list = useRef<VirtualLinesHandle>(null);
  const searchInput = useRef<HTMLInputElement>(null);
  /** A line (counted from the log's start, like permalinks) to bring into view once it is loaded and its row is drawn. */
  const pendingReveal = useRef<{ line: number; align: "center" | "start" | "reveal"; afterLeaving?: number } | null>(null);
  const hash = useSyncExternalStore(subscribeHash, currentHash, serverHash);
  const target = lineOfHash(hash);
  /** Lines of the log before the window the worker holds: the worker's line i is the log's line base + i. */
  const base = logWindow?.firstLine ?? 0;
  /** Lines are drawn once their numbers are known (the server counts them while the window streams). */
  const numbered = logWindow?.firstLine != null;
  const localTarget = target === null ? null : target - base;
  const [followChoice, setFollowChoice] = useState<boolean | null>(null);
  const follow = followChoice ?? (live && target === null);
  const [timestamps, setTimestamps] = useState<TimestampMode>("off");
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(() => new Set());
  const [query, setQuery] = useState("");
  const [current, setCurrent] = useState(-1);

  const rowMap = useMemo(() => buildRowMap(log.lineCount, log.groups, collapsed), [log.lineCount, log.groups, collapsed]);
  const groupByStart = useMemo(() => new Map(log.groups.map((g) => [g.start, g])), [log.groups]);
  const pattern = useMemo(() => searchPattern(log.search.query), [log.search.query]);
  const matches = log.search.matches;
  const currentMatch = current < matches.length ? current : -1;
  const currentLine = currentMatch >= 0 ? (matches[currentMatch] ?? -1) : -1;
  const occurrence = currentMatch >= 0 ? currentMatch - lowerBound(matches, currentLine) : -1;

  // A hash edited by hand stops following and opens the groups that hide its line.
  useEffect(() => {
    const onHashChange = () => {
      const line = lineOfHash(window.location.hash);
      if (line === null) return;
      setFollowChoice(false);
      setCollapsed((prev) => expandAround(log.groups, prev, line - base));
    };
    window.addEventListener("hashchange", onHashChange);
    return () => window.removeEventListener("hashchange", onHashChange);
  }, [log.groups, base]);

  // A permalink to a line before the window opens a window at that line (once: the size limit may keep it out).
  const soughtLine = useRef<number | null>(null);
  useEffect(() => {
    if (target === null || !numbered || target >= base || soughtLine.current === target) return;
    soughtLine.current = target;
    openAt(target);
  }, [target, numbered, base, openAt]);

  // A permalink (on load, or the hash edited by hand) scrolls to its line once the line exists.
  useLayoutEffect(() => {
    if (target !== null) pendingReveal.current = { line: target, align: "center" };
  }, [hash, target]);

  useLayoutEffect(() => {
    const pending = pendingReveal.current;
    // A line before the window waits for earlier lines to be loaded.
    // (Not in the window being left: its lines are still drawn until the new one replaces them.)
    const leaving = pending?.afterLeaving !== undefined && pending.afterLeaving === logWindow?.start;
    const line = pending && numbered && !leaving ? pending.line - base : -1;
    if (!pending || line < 0 || line >= log.lineCount || !list.current) return;
    // Still inside a collapsed group: the update opening it is on its way (hash and groups render apart).
    if (collapsedAround(log.groups, collapsed, line).length > 0) return;
    pendingReveal.current = null;
    const row = nearestRow(rowMap, line);
    if (pending.align === "reveal") list.current.revealRow(row);
    else list.current.scrollToRow(row, pending.align);
  });

  const onNumberClick = useCallback((line: number) => {
    setFollowChoice(false);
    setLineHash(line);
  }, []);

  const onToggle = useCallback((start: number) => {
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (!next.delete(start)) next.add(start);
      return next;
    });
  }, []);

  const onRowsChange = useCallback((first: number, end: number) => client?.ensure(lineRangesOfRows(rowMap, first, end)), [client, rowMap]);

  // The worker searches for what the box says (again after a retry, which starts a new worker).
  useEffect(() => client?.search(query), [client, query]);

  const onQuery = (value: string) => {
    setQuery(value);
    setCurrent(-1);
  };

  const step = (direction: 1 | -1) => {
    if (matches.length === 0) return;
    let next: number;
    if (currentMatch >= 0) next = (currentMatch + direction + matches.length) % matches.length;
    else {
      // The first match from the top of the view down (or, going back, the last one above it).
      const top = rowToLine(rowMap, list.current?.firstVisibleRow() ?? 0);
      const at = lowerBound(matches, top);
      next = direction === 1 ? at % matches.length : (at - 1 + matches.length) % matches.length;
    }
    const line = matches[next] ?? 0;
    setCurrent(next);
    setFollowChoice(false);
    if (collapsedAround(log.groups, collapsed, line).length === 0) list.current?.revealRow(nearestRow(rowMap, line));
    else {
      setCollapsed((prev) => expandAround(log.groups, prev, line));
      pendingReveal.current = { line: base + line, align: "reveal" };
    }
  };

  // Opens the window before the one held, keeping the line now at the top of the view in place.
  const onLoadEarlier = () => {
    const top = rowToLine(rowMap, list.current?.firstVisibleRow() ?? 0);
    pendingReveal.current = { line: base + top, align: "start", afterLeaving: logWindow?.start };
    setFollowChoice(false);
    setCollapsed(new Set());
    setCurrent(-1);
    loadEarlier();
  };

  // Scrolling up stops following; scrolling back to the end (give or take lines that arrived meanwhile) resumes it.
  const onUserScroll = (belowPx: number) => {
    if (follow && belowPx > ROW_HEIGHT) setFollowChoice(false);
    else if (!follow && belowPx < 3 * ROW_HEIGHT && !log.ended) setFollowChoice(true);
  };

  const jumpToEnd = () => {
    list.current?.scrollToEnd();
    if (!log.ended) setFollowChoice(true);
  };

  const renderRow = (row: number) => {
    const index = rowToLine(rowMap, row);
    const line = client?.line(index);
    const highlighted = index === localTarget;
    const cur = index === currentLine ? occurrence : -1;
    const group = groupByStart.get(index);
    if (group) {
      const stamp = timestamps === "off" ? "" : formatTimestamp(timestamps, group.startTime, log.startTime);
      return (
        <GroupHeaderRow
          key={index}
          index={base + index}
          group={group}
          collapsed={collapsed.has(index)}
          size={groupSize(group, log.lineCount)}
          running={!log.ended}
          stamp={stamp}
          pattern={pattern}
          current={cur}
          highlighted={highlighted}
          onNumberClick={onNumberClick}
          onToggle={onToggle}
        />
      );
    }
    if (!line) return <PendingRow key={index} index={base + index} onNumberClick={onNumberClick} />;
    const stamp = timestamps === "off" ? "" : formatTimestamp(timestamps, line.time, log.startTime);
    return <LogLineRow key={index} index={base + index} line={line} stamp={stamp} pattern={pattern} current={cur} highlighted={highlighted} onNumberClick={onNumberClick} />;
  };

  const gutter = { "--tl-gutter": `${Math.max(3, String(base + log.lineCount).length)}ch` } as CSSProperties;
  const waiting =
    connection.state === "error" ? "The log could not be loaded." : log.lineCount > 0 ? "Numbering lines…" : connection.state === "complete" ? "This run wrote no output." : "Waiting for output…";

  return (
    <section
      data-testid="log-viewer"
      data-state={connection.state}
      className={`tl-root overflow-hidden rounded-lg border border-slate-200 shadow-sm dark:border-slate-800 ${className}`}
      style={gutter}
      onKeyDown={(e) => {
        if (e.key === "f" && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          searchInput.current?.focus();
        }
      }}
    >
      <style href="slipway-log-viewer" precedence="medium">
        {PALETTE_CSS}
      </style>
      <LogToolbar
        connection={connection}
        onRetry={retry}
        lineCount={base + log.lineCount}
        partial={base > 0}
        searchRef={searchInput}
        query={query}
        onQuery={onQuery}
        count={{ current: currentMatch, total: matches.length, capped: log.search.capped, done: log.search.done }}
        onStep={step}
        timestamps={timestamps}
        onTimestamps={setTimestamps}
        follow={follow}
        onFollow={(on) => {
          setFollowChoice(on);
          if (on) list.current?.scrollToEnd();
        }}
        onJumpToEnd={jumpToEnd}
        onCopyAll={() => (client ? copyText(client.plainText()) : Promise.resolve())}
        downloadHref={`/api/runs/${encodeURIComponent(runId)}/log`}
      />
      <LogWindowBanner window={logWindow} heldLines={log.lineCount} target={localTarget !== null && localTarget < 0 ? target : null} onLoadEarlier={onLoadEarlier} downloadHref={`/api/runs/${encodeURIComponent(runId)}/log`} />
      {log.error && <p className="border-b border-rose-200 bg-rose-50 px-3 py-1.5 text-xs text-rose-700 dark:border-rose-900 dark:bg-rose-950 dark:text-rose-300">{log.error}</p>}
      {log.lineCount === 0 || !numbered ? (
        <div className="flex h-40 items-center justify-center text-sm text-slate-500 dark:text-slate-400">{waiting}</div>
      ) : (
        <VirtualLines
          ref={list}
          label="Run log"
          className="h-[70vh] min-h-72 font-mono text-[13px] leading-5"
          rowCount={rowMap.rowCount}
          rowHeight={ROW_HEIGHT}
          renderRow={renderRow}
          onRowsChange={onRowsChange}
          version={log.linesVersion}
          stickToBottom={follow}
          onUserScroll={onUserScroll}
        />
      )}
    </section>
  );
}
