// Everything the log worker knows about one run's log: the TerminalLog, and beside it, per line, the
// time of the chunk that started it and whether Slipway (the system stream) wrote it; the groups its
// markers open and close; cut notes; the live search. Pure TypeScript, so it is tested without a Worker.

import { TerminalLog } from "@/components/logs/model/terminal-log";
import { buildGroups, parseMarker, type Marker } from "./groups";
import { LiveSearch } from "./search";
import type { LineKind, LineRange, LogChangeNotice, LogGroup, LogStreamName, WireLine } from "./worker-protocol";

export interface DocumentChunk {
  stream: LogStreamName;
  time: number;
  bytes: Uint8Array;
  cut: boolean;
}

const utf8 = new TextDecoder();

function grown<T extends Float64Array | Uint8Array>(array: T, size: number, make: (n: number) => T): T {
  if (size <= array.length) return array;
  const next = make(Math.max(size, array.length * 2));
  next.set(array);
  return next;
}

export class LogDocument {
  readonly search: LiveSearch;
  private readonly log = new TerminalLog();
  private times = new Float64Array(1024);
  private bySystem = new Uint8Array(1024);
  private readonly cutLines = new Set<number>();
  private markers: Marker[] = [];
  private groups: LogGroup[] = [];
  private kinds = new Map<number, LineKind>();
  private startTime: number | null = null;
  private ended = false;
  private pendingFrom = Infinity;
  private groupsChanged = false;

  constructor() {
    this.search = new LiveSearch((line) => this.displayText(line));
  }

  get lineCount(): number {
    return this.log.lineCount;
  }

  append(chunk: DocumentChunk): void {
    if (this.ended) return;
    this.startTime ??= chunk.time;
    const before = this.log.lineCount;
    if (chunk.cut) {
      // The note is Slipway's, not log bytes: a line of its own, after which styles start afresh.
      this.startOwnLine();
      this.cutLines.add(this.log.cursor.line);
      const note = utf8.decode(chunk.bytes).replace(/\s+/g, " ").trim();
      this.log.write(`\x1b[0m${note}\n`);
    } else {
      // Slipway's own lines (group markers, step results) start a line even after output without a newline.
      if (chunk.stream === "system") this.startOwnLine();
      this.log.write(chunk.bytes);
    }
    const after = this.log.lineCount;
    this.times = grown(this.times, after, (n) => new Float64Array(n));
    this.bySystem = grown(this.bySystem, after, (n) => new Uint8Array(n));
    this.times.fill(chunk.time, before, after);
    this.bySystem.fill(chunk.stream === "system" ? 1 : 0, before, after);
    this.settle();
  }

  end(): void {
    if (this.ended) return;
    this.log.end();
    this.ended = true;
    this.pendingFrom = Math.min(this.pendingFrom, this.log.lineCount);
    this.settle();
  }

  /** What changed since the previous notice, or null. */
  takeNotice(): LogChangeNotice | null {
    if (this.pendingFrom === Infinity && !this.groupsChanged) return null;
    const notice: LogChangeNotice = {
      type: "change",
      from: Math.min(this.pendingFrom, this.log.lineCount),
      lineCount: this.log.lineCount,
      finalizedCount: this.log.finalizedCount,
      startTime: this.startTime,
      ended: this.ended,
      groups: this.groupsChanged ? this.groups.map((g) => ({ ...g })) : null,
    };
    this.pendingFrom = Infinity;
    this.groupsChanged = false;
    return notice;
  }

  lines(ranges: readonly LineRange[]): WireLine[] {
    const out: WireLine[] = [];
    for (const [from, to] of ranges) {
      for (let i = Math.max(0, from); i < Math.min(to, this.log.lineCount); i++) {
        const { text, spans } = this.log.line(i);
        out.push({ index: i, text, spans, time: this.times[i] ?? 0, kind: this.kindOf(i) });
      }
    }
    return out;
  }

  /** The text a line shows: a group's name for its header, nothing for an `::endgroup::`. */
  displayText(line: number): string {
    const kind = this.kindOf(line);
    if (kind === "group") return this.groups.find((g) => g.start === line)?.name ?? "";
    if (kind === "endgroup") return "";
    return this.log.lineText(line);
  }

  /** The whole log as plain text, each line ended by a newline. */
  plainText(): string {
    const lines: string[] = [];
    for (let i = 0; i < this.log.lineCount; i++) lines.push(this.log.lineText(i), "\n");
    return lines.join("");
  }

  private kindOf(line: number): LineKind {
    return this.kinds.get(line) ?? (this.cutLines.has(line) ? "cut" : "text");
  }

  private startOwnLine(): void {
    const { line, column } = this.log.cursor;
    if (column > 0 || (line < this.log.lineCount && this.log.lineText(line) !== "")) this.log.write("\n");
  }

  /** Takes the TerminalLog's change: markers of the changed lines, then the search over them. */
  private settle(): void {
    const change = this.log.takeChange();
    if (!change) return;
    this.pendingFrom = Math.min(this.pendingFrom, change.from);
    this.rescanMarkers(change.from);
    this.search.invalidate(change.from);
  }

  private rescanMarkers(from: number): void {
    let keep = this.markers.length;
    while (keep > 0 && (this.markers[keep - 1]?.line ?? 0) >= from) keep--;
    const found: Marker[] = [];
    for (let i = from; i < this.log.lineCount; i++) {
      if (!this.bySystem[i] || this.cutLines.has(i)) continue;
      const marker = parseMarker(this.log.lineText(i));
      if (marker) found.push({ ...marker, line: i, time: this.times[i] ?? 0 });
    }
    const removed = this.markers.slice(keep);
    if (removed.length === 0 && found.length === 0) return;
    if (removed.length === found.length && removed.every((m, k) => JSON.stringify(m) === JSON.stringify(found[k]))) return;
    this.markers = [...this.markers.slice(0, keep), ...found];
    this.groups = buildGroups(this.markers);
    this.kinds = new Map();
    for (const g of this.groups) {
      this.kinds.set(g.start, "group");
      if (g.end !== null) this.kinds.set(g.end, "endgroup");
    }
    this.groupsChanged = true;
    // A header's text is its group's name, so lines whose kind changed must be searched again.
    const first = Math.min(...removed.map((m) => m.line), ...found.map((m) => m.line));
    this.search.invalidate(first);
  }
}
