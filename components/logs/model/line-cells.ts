// The slow, exact path for lines holding wide or combining characters: the line is unpacked into
// terminal cells, edited with xterm.js's own cell rules (a wide character takes a cell and a
// placeholder; overwriting half of one blanks the other half; combining marks join the cell before),
// then packed back into text and runs. Only overwrites inside such lines come here.

import { appendRun, type Runs } from "./spans";
import { cellWidth } from "./width";

export interface PackedLine {
  text: string;
  runs: Runs;
  /** Width in cells (trailing empty cells trimmed). */
  cells: number;
  /** Every UTF-16 unit is exactly one cell. */
  narrow: boolean;
}

function codePointAt(s: string, i: number): number {
  return s.codePointAt(i) ?? 0;
}

/**
 * Width in cells of text printed at column x, and the grapheme state after it. `join` is the width of
 * the character before, which a combining mark joins; it is 0 after any control, and then xterm gives
 * the mark a cell of its own.
 */
export function measureRun(text: string, x: number, join: number): { cells: number; join: number } {
  let cells = 0;
  for (let i = 0; i < text.length; ) {
    const cp = codePointAt(text, i);
    i += cp > 0xffff ? 2 : 1;
    const width = cellWidth(cp);
    if (width === 0 && join !== 0) {
      if (x + cells === 0) cells += join;
    } else {
      cells += width || 1;
      join = width;
    }
  }
  return { cells, join };
}

export class CellRow {
  /** Cell content: "" for an empty cell, else a character with any combining marks. */
  readonly chars: string[] = [];
  /** xterm widths: 1, 2 for a wide character, 0 for its placeholder (or a lone zero-width character). */
  readonly widths: number[] = [];
  readonly styles: number[] = [];

  static unpack(line: PackedLine): CellRow {
    const row = new CellRow();
    const { text, runs } = line;
    let run = 0;
    let last = -1;
    for (let i = 0; i < text.length; ) {
      const cp = codePointAt(text, i);
      const units = cp > 0xffff ? 2 : 1;
      while (run + 2 < runs.length && (runs[run + 2] ?? 0) <= i) run += 2;
      const style = runs[run + 1] ?? 0;
      const width = cellWidth(cp);
      const ch = text.slice(i, i + units);
      if (width === 0 && last >= 0) row.chars[last] += ch;
      else {
        last = row.chars.length;
        row.set(last, ch, width, style);
        if (width === 2) row.set(last + 1, "", 0, style);
      }
      i += units;
    }
    return row;
  }

  pack(): PackedLine {
    let end = this.chars.length;
    while (end > 0 && this.chars[end - 1] === "" && this.widths[end - 1] !== 0) end--;
    let text = "";
    const runs: Runs = [];
    let narrow = true;
    for (let x = 0; x < end; ) {
      const ch = this.chars[x] || " ";
      const width = this.widths[x] ?? 1;
      if (ch.length !== 1 || width !== 1) narrow = false;
      appendRun(runs, text.length, this.styles[x] ?? 0);
      text += ch;
      x += width || 1;
    }
    return { text, runs, cells: end, narrow };
  }

  /** Prints at column x (see measureRun for `join`); returns the column after the text. */
  print(x: number, text: string, style: number, join: number): number {
    this.extendTo(x);
    if (x > 0 && this.widths[x - 1] === 2) this.set(x - 1, "", 1, style);
    for (let i = 0; i < text.length; ) {
      const cp = codePointAt(text, i);
      const units = cp > 0xffff ? 2 : 1;
      const ch = text.slice(i, i + units);
      i += units;
      let width = cellWidth(cp);
      if (width === 0 && join !== 0) {
        if (x > 0) {
          this.chars[x - (this.widths[x - 1] ? 1 : 2)] += ch;
          continue;
        }
        width = join;
      } else {
        join = width;
      }
      this.set(x++, ch, width, style);
      if (width === 2) this.set(x++, "", 0, style);
    }
    if (x < this.chars.length && this.widths[x] === 0 && this.chars[x] === "") this.set(x, "", 1, style);
    return x;
  }

  /** Blanks cells [from, to) like xterm's replaceCells. */
  erase(from: number, to: number, style: number): void {
    const n = this.chars.length;
    if (from > 0 && from <= n && this.widths[from - 1] === 2) this.set(from - 1, "", 1, style);
    if (to < n && this.widths[to - 1] === 2) this.set(to, "", 1, style);
    for (let x = from; x < to && x < n; x++) this.set(x, "", 1, style);
  }

  delete(x: number, count: number, style: number): void {
    if (x >= this.chars.length) return;
    if (x > 0 && this.widths[x - 1] === 2) this.set(x - 1, "", 1, style);
    this.chars.splice(x, count);
    this.widths.splice(x, count);
    this.styles.splice(x, count);
    if (this.widths[x] === 0 && this.chars[x] === "") this.set(x, "", 1, style);
  }

  insert(x: number, count: number, style: number): void {
    if (x >= this.chars.length) return;
    if (x > 0 && this.widths[x - 1] === 2) this.set(x - 1, "", 1, style);
    if (this.widths[x] === 0 && this.chars[x] === "") this.set(x, "", 1, style);
    this.chars.splice(x, 0, ...Array<string>(count).fill(""));
    this.widths.splice(x, 0, ...Array<number>(count).fill(1));
    this.styles.splice(x, 0, ...Array<number>(count).fill(style));
  }

  private extendTo(x: number): void {
    for (let i = this.chars.length; i < x; i++) this.set(i, "", 1, 0);
  }

  private set(x: number, ch: string, width: number, style: number): void {
    this.chars[x] = ch;
    this.widths[x] = width;
    this.styles[x] = style;
  }
}
