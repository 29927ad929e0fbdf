// The lines of a log as the screen sees them, by absolute index: final lines in the history, then the
// window's rows. Rows of the window never written are not materialised (they read as blank), so a log
// does not end in a screenful of empty lines; line objects leaving the window are reused.

import { History } from "./history";
import { Line } from "./line";
import type { Runs } from "./spans";
import { WindowRows } from "./window-rows";

export class ScreenLines {
  readonly history = new History();
  /** Absolute index of the window's first row: lines before it are final. */
  top = 0;
  /** Lowest line index changed since it was last reset. */
  dirtyFrom = Infinity;
  private readonly window = new WindowRows();
  private readonly spare: Line[] = [];

  constructor(private readonly rows: number) {}

  get count(): number {
    return this.top + this.window.length;
  }

  text(i: number): string {
    return i < this.top ? this.history.text(i) : (this.window.at(i - this.top)?.text ?? "");
  }

  runs(i: number): Runs {
    return i < this.top ? this.history.runsOf(i) : (this.window.at(i - this.top)?.runs ?? []);
  }

  /** The window line at absolute `row`, if materialised. */
  at(row: number): Line | undefined {
    return this.window.at(row - this.top);
  }

  /** The window line at absolute `row`, materialising blank lines up to it. */
  materialise(row: number): Line {
    const rel = row - this.top;
    while (this.window.length <= rel) this.window.push(this.blankLine());
    return this.window.at(rel) as Line;
  }

  dirty(row: number): void {
    if (row < this.dirtyFrom) this.dirtyFrom = row;
  }

  /**
   * Scrolls a region that starts at the window's top up one line: the top line becomes final, and rows
   * below the region (window row `regionBottom` + 1 on) keep their place on screen.
   */
  scrollIntoHistory(regionBottom: number): void {
    const below = regionBottom + 1;
    if (below < this.window.length) {
      this.window.insert(below, this.blankLine());
      this.dirty(this.top + below);
    }
    const leaving = this.window.shift() ?? this.blankLine();
    this.history.push(leaving.text, leaving.runs);
    this.recycle(leaving);
    this.top++;
  }

  /** Removes window row `from` and inserts a blank one at window row `to`; nothing becomes final. */
  moveRow(from: number, to: number): void {
    if (from < this.window.length) this.recycle(this.window.remove(from));
    if (to < this.window.length) this.window.insert(to, this.blankLine());
    this.dirty(this.top + Math.min(from, to));
  }

  /** Lines from absolute `row` on become blank (simply no longer materialised). */
  truncate(row: number): void {
    const rel = row - this.top;
    if (rel >= this.window.length) return;
    for (const line of this.window.truncate(Math.max(0, rel))) this.recycle(line);
    this.dirty(row);
  }

  /** Window lines before absolute `row` become blank. */
  clearBefore(row: number): void {
    for (let rel = 0; rel < row - this.top && rel < this.window.length; rel++) this.window.at(rel)?.clear();
    this.dirty(this.top);
  }

  /** Window row of the last line with anything on it, or -1. */
  lastWrittenRow(): number {
    let last = this.window.length - 1;
    while (last >= 0 && this.window.at(last)?.cells === 0) last--;
    return last;
  }

  private blankLine(): Line {
    return this.spare.pop() ?? new Line();
  }

  private recycle(line: Line | undefined): void {
    if (!line) return;
    line.clear();
    if (this.spare.length < this.rows) this.spare.push(line);
  }
}
