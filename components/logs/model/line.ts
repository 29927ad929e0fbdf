// One logical line: its text, style runs and width in cells. While every unit of the text is one
// cell ("narrow", nearly always) columns are string offsets and edits are string slices; other lines
// take the exact cell path in line-cells.ts.

import { CellRow } from "./line-cells";
import { appendRun, spliceRuns, truncateRuns, type Runs } from "./spans";

let spaces = " ".repeat(256);

function blank(count: number): string {
  while (spaces.length < count) spaces += spaces;
  return spaces.slice(0, count);
}

/** Runs of a line that is all in the default style: shared, never mutated. */
const NO_RUNS: Runs = [];

function orShared(runs: Runs): Runs {
  return runs.length === 0 ? NO_RUNS : runs;
}

export class Line {
  text = "";
  runs: Runs = NO_RUNS;
  cells = 0;
  narrow = true;

  /**
   * Writes `run` at column x and returns the column after it. A narrow run is `run.length` cells;
   * otherwise `cells` is its measured width (see measureRun) and `join` the grapheme state before it.
   */
  write(x: number, run: string, narrow: boolean, cells: number, style: number, join: number): number {
    if (narrow && x >= this.cells) {
      // Appending (the common case), after a gap of empty cells if the cursor was moved past the end.
      if (x > this.cells) this.append(blank(x - this.cells), x - this.cells, 0);
      this.append(run, cells, style);
      return x + cells;
    }
    if (narrow && this.narrow) {
      const end = Math.min(this.text.length, x + run.length);
      this.runs = orShared(spliceRuns(this.runs, this.text.length, x, end - x, run.length, style));
      this.text = this.text.slice(0, x) + run + this.text.slice(end);
      this.cells = this.text.length;
      return x + cells;
    }
    if (!narrow && x === this.cells) {
      this.append(run, cells, style);
      this.narrow = false;
      return x + cells;
    }
    const row = CellRow.unpack(this);
    const after = row.print(x, run, style, join);
    this.pack(row);
    return after;
  }

  /** Appends text known to be `cells` wide. */
  append(text: string, cells: number, style: number): void {
    if (style !== 0 || this.runs !== NO_RUNS) {
      if (this.runs === NO_RUNS) this.runs = this.text.length > 0 ? [0, 0] : [];
      appendRun(this.runs, this.text.length, style);
    }
    this.text += text;
    this.cells += cells;
  }

  /** Blanks cells [from, to); `to` may be Infinity. Cells past the end stay absent, not blank. */
  erase(from: number, to: number, style: number): void {
    if (from >= this.cells) return;
    if (to >= this.cells) {
      if (this.narrow) {
        this.text = this.text.slice(0, from);
        this.runs = orShared(truncateRuns(this.runs, from));
        this.cells = from;
        return;
      }
      to = this.cells;
    }
    if (this.narrow) {
      this.runs = orShared(spliceRuns(this.runs, this.text.length, from, to - from, to - from, style));
      this.text = this.text.slice(0, from) + blank(to - from) + this.text.slice(to);
      return;
    }
    const row = CellRow.unpack(this);
    row.erase(from, to, style);
    this.pack(row);
  }

  deleteCells(x: number, count: number, style: number): void {
    if (x >= this.cells) return;
    if (this.narrow) {
      const end = Math.min(this.cells, x + count);
      this.runs = orShared(spliceRuns(this.runs, this.text.length, x, end - x, 0, style));
      this.text = this.text.slice(0, x) + this.text.slice(end);
      this.cells = this.text.length;
      return;
    }
    const row = CellRow.unpack(this);
    row.delete(x, count, style);
    this.pack(row);
  }

  insertCells(x: number, count: number, style: number): void {
    if (x >= this.cells) return;
    if (this.narrow) {
      this.runs = orShared(spliceRuns(this.runs, this.text.length, x, 0, count, style));
      this.text = this.text.slice(0, x) + blank(count) + this.text.slice(x);
      this.cells = this.text.length;
      return;
    }
    const row = CellRow.unpack(this);
    row.insert(x, count, style);
    this.pack(row);
  }

  clear(): void {
    this.text = "";
    this.runs = NO_RUNS;
    this.cells = 0;
    this.narrow = true;
  }

  private pack(row: CellRow): void {
    const packed = row.pack();
    this.text = packed.text;
    this.runs = packed.runs.length === 2 && packed.runs[1] === 0 ? NO_RUNS : packed.runs;
    this.cells = packed.cells;
    this.narrow = packed.narrow;
  }
}
