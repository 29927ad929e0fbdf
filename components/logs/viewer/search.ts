// Search: case-insensitive plain text. The worker runs it over every line, in time slices and live
// as lines arrive (LiveSearch); the main thread keeps one entry per match (its line) and marks the
// matches of the lines it shows (findMatches), so both agree on what a match is.

import type { SearchNotice } from "./worker-protocol";

/** Most matches kept: past this the count shows as a lower bound. */
export const MAX_MATCHES = 200_000;

export function searchPattern(query: string): RegExp | null {
  if (query === "") return null;
  return new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gi");
}

/** [start, end) of each match in the text, left to right, not overlapping. */
export function findMatches(text: string, pattern: RegExp | null): [number, number][] {
  if (!pattern) return [];
  const found: [number, number][] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) found.push([m.index, m.index + m[0].length]);
  return found;
}

function countMatches(text: string, pattern: RegExp): number {
  pattern.lastIndex = 0;
  let count = 0;
  while (pattern.exec(text)) count++;
  return count;
}

/** The first index whose value is >= value in an ascending array. */
export function lowerBound(values: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The main thread's matches after a notice: those before `from` kept, the rest replaced. */
export function mergeMatches(previous: Int32Array, notice: Pick<SearchNotice, "from" | "matches">): Int32Array {
  const keep = lowerBound(previous, notice.from);
  if (keep === 0) return notice.matches;
  const merged = new Int32Array(keep + notice.matches.length);
  merged.set(previous.subarray(0, keep));
  merged.set(notice.matches, keep);
  return merged;
}

/** The worker's side: all matches of the current query, kept up to date as lines change. */
export class LiveSearch {
  private query = "";
  private pattern: RegExp | null = null;
  private matches: number[] = [];
  private scanned = 0;
  private capped = false;
  /** Lowest line whose matches changed since the last notice. */
  private changedFrom = Infinity;
  private lastDone = true;

  constructor(
    private readonly textOf: (line: number) => string,
    private readonly limit = MAX_MATCHES,
  ) {}

  get active(): boolean {
    return this.pattern !== null;
  }

  start(query: string): void {
    this.query = query;
    this.pattern = searchPattern(query);
    this.matches = [];
    this.scanned = 0;
    this.capped = false;
    this.changedFrom = 0;
    this.lastDone = false;
  }

  /** Lines from `from` on changed: their matches are searched again. */
  invalidate(from: number): void {
    if (!this.pattern || from >= this.scanned) return;
    const keep = lowerBound(this.matches, from);
    if (keep < this.matches.length) {
      this.matches.length = keep;
      this.capped = false;
      this.changedFrom = Math.min(this.changedFrom, from);
    }
    this.scanned = from;
  }

  /** Searches on until every line is done or the budget (ms) is spent; true if lines remain. */
  step(lineCount: number, budgetMs = 25): boolean {
    const pattern = this.pattern;
    if (!pattern) return false;
    if (this.capped) this.scanned = lineCount;
    const deadline = performance.now() + budgetMs;
    const first = this.scanned;
    let line = this.scanned;
    for (; line < lineCount; line++) {
      if ((line & 1023) === 1023 && performance.now() > deadline) break;
      const count = countMatches(this.textOf(line), pattern);
      for (let k = 0; k < count && this.matches.length < this.limit; k++) this.matches.push(line);
      if (this.matches.length >= this.limit) {
        this.capped = true;
        line = lineCount;
        break;
      }
    }
    if (line > first) this.changedFrom = Math.min(this.changedFrom, first);
    this.scanned = line;
    return line < lineCount;
  }

  /** What the main thread must learn since the last notice, or null if nothing. */
  takeNotice(lineCount: number): SearchNotice | null {
    const done = this.scanned >= lineCount;
    if (this.changedFrom === Infinity && done === this.lastDone) return null;
    const from = this.changedFrom === Infinity ? this.scanned : this.changedFrom;
    const matches = Int32Array.from(this.matches.slice(lowerBound(this.matches, from)));
    this.changedFrom = Infinity;
    this.lastDone = done;
    return { type: "search", query: this.query, from, matches, done, capped: this.capped };
  }
}
