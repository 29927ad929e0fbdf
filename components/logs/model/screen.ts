// The terminal's state over a log: every line so far, a window of the last `rows` lines that cursor
// movement can still reach (xterm's screen), the cursor, the scroll region and the current style.
// Lines above the window are final. Rows of the window never written are not materialised, so the
// log does not end in a screenful of blank lines. Controls behave as xterm.js's InputHandler.

import { designate, GLEVEL, translate, type Charset } from "./charsets";
import type { Line } from "./line";
import { measureRun } from "./line-cells";
import { ScreenLines } from "./screen-lines";
import type { Params } from "./params";
import type { ParserSink } from "./parser";
import { Rendition, StyleTable, DEFAULT_COLOR } from "./style";
import { isNarrow } from "./width";

export type EraseInDisplay = "clear" | "scroll";

const MAX_REPEAT = 65536;

export class Screen implements ParserSink {
  readonly styles = new StyleTable();
  readonly lines: ScreenLines;
  /** Cursor column and absolute row. */
  x = 0;
  y = 0;

  private scrollTop = 0;
  private scrollBottom: number;
  private readonly rendition = new Rendition();
  private styleId = 0;
  private eraseStyleId = 0;
  private styleStale = false;
  private eraseStyleStale = false;
  /** Width of the last printed character while combining marks may join it; 0 after any control. */
  private join = 0;
  private lastPrinted = "";
  private charsets: (Charset | undefined)[] = [];
  private glevel = 0;
  private charset: Charset | undefined;
  private saved = { x: 0, y: 0, fg: DEFAULT_COLOR, bg: DEFAULT_COLOR, flags: 0, charset: undefined as Charset | undefined };

  constructor(
    readonly rows: number,
    private readonly eraseInDisplay: EraseInDisplay,
    /** LF also returns the carriage, as for output captured without a terminal (xterm's convertEol). */
    private readonly convertEol: boolean,
  ) {
    this.scrollBottom = rows - 1;
    this.lines = new ScreenLines(rows);
  }

  /** Absolute index of the window's first row. */
  get top(): number {
    return this.lines.top;
  }

  print(s: string, start: number, end: number, narrow: boolean): void {
    let run = start === 0 && end === s.length ? s : s.slice(start, end);
    if (this.charset) run = translate(run, this.charset);
    if (this.styleStale) this.refreshStyle();
    const line = this.lines.materialise(this.y);
    if (narrow || isNarrow(run, 0, run.length)) {
      this.x = line.write(this.x, run, true, run.length, this.styleId, this.join);
      this.join = 1;
    } else {
      const measured = measureRun(run, this.x, this.join);
      this.x = line.write(this.x, run, false, measured.cells, this.styleId, this.join);
      this.join = measured.join;
    }
    this.lastPrinted = run;
    this.lines.dirty(this.y);
  }

  execute(code: number): void {
    this.join = 0;
    switch (code) {
      case 0x0a: case 0x0b: case 0x0c: if (this.convertEol) this.x = 0; this.index(); break;
      case 0x84: this.index(); break;
      case 0x0d: this.x = 0; break;
      case 0x08: if (this.x > 0) this.x--; break;
      case 0x09: this.x = (Math.floor(this.x / 8) + 1) * 8; break;
      case 0x0e: this.setGLevel(1); break;
      case 0x0f: this.setGLevel(0); break;
      case 0x85: this.x = 0; this.index(); break;
    }
  }

  stringEnd(): void {
    this.join = 0;
  }

  csi(final: number, collect: number, params: Params): void {
    const join = this.join;
    this.join = 0;
    if (collect === 0x3f && (final === 0x4a || final === 0x4b)) collect = 0; // DECSED/DECSEL: no protected cells here
    if (collect === 0x21 && final === 0x70) return this.softReset();
    if (collect !== 0) return;
    const n = params.at(0) || 1;
    const ry = this.y - this.top;
    switch (final) {
      case 0x41 /* A */: return this.moveTo(this.x, ry >= this.scrollTop ? ry - Math.min(ry - this.scrollTop, n) : ry - n);
      case 0x42 /* B */: return this.moveTo(this.x, ry <= this.scrollBottom ? ry + Math.min(this.scrollBottom - ry, n) : ry + n);
      case 0x43 /* C */: case 0x61 /* a */: return this.moveTo(this.x + n, ry);
      case 0x44 /* D */: return this.moveTo(this.x - n, ry);
      case 0x45 /* E */: this.csi(0x42, 0, params); this.x = 0; return;
      case 0x46 /* F */: this.csi(0x41, 0, params); this.x = 0; return;
      case 0x47 /* G */: case 0x60 /* ` */: return this.moveTo(n - 1, ry);
      case 0x48 /* H */: case 0x66 /* f */: return this.moveTo(params.length >= 2 ? (params.at(1) || 1) - 1 : 0, n - 1);
      case 0x64 /* d */: return this.moveTo(this.x, n - 1);
      case 0x65 /* e */: return this.moveTo(this.x, ry + n);
      case 0x49 /* I */: this.x = (Math.floor(this.x / 8) + n) * 8; return;
      case 0x5a /* Z */: this.x = Math.max(0, (Math.ceil(this.x / 8) - n) * 8); return;
      case 0x4a /* J */: return this.eraseDisplay(params.at(0));
      case 0x4b /* K */: return this.eraseLine(params.at(0));
      case 0x58 /* X */: return this.eraseCells(this.x, this.x + n);
      case 0x50 /* P */: this.editedLine()?.deleteCells(this.x, n, this.eraseStyle()); return;
      case 0x40 /* @ */: this.editedLine()?.insertCells(this.x, n, this.eraseStyle()); return;
      case 0x4c /* L */: return this.insertLines(n, ry);
      case 0x4d /* M */: return this.deleteLines(n, ry);
      case 0x53 /* S */: return this.scrollRegion(-Math.min(n, this.rows));
      case 0x54 /* T */: return this.scrollRegion(Math.min(n, this.rows));
      case 0x62 /* b */: return this.repeat(n, join);
      case 0x6d /* m */: this.rendition.apply(params); this.styleStale = true; return;
      case 0x72 /* r */: return this.setScrollRegion(n, params.length < 2 ? 0 : params.at(1));
      case 0x73 /* s */: return this.saveCursor();
      case 0x75 /* u */: return this.restoreCursor();
    }
  }

  esc(final: number, collect: number): void {
    this.join = 0;
    const ch = String.fromCharCode(final);
    if (collect === 0) {
      switch (ch) {
        case "7": return this.saveCursor();
        case "8": return this.restoreCursor();
        case "D": return this.index();
        case "E": this.x = 0; return this.index();
        case "M": return this.reverseIndex();
        case "c": return this.reset();
        case "n": case "}": return this.setGLevel(2);
        case "o": case "|": return this.setGLevel(3);
        case "~": return this.setGLevel(1);
      }
      return;
    }
    const intermediate = String.fromCharCode(collect);
    if (intermediate === "%" && (ch === "@" || ch === "G")) {
      this.setGLevel(0);
      this.charsets[0] = undefined;
      this.charset = undefined;
    } else if (collect < 0x100 && GLEVEL[intermediate] !== undefined) {
      const charset = designate(ch);
      if (charset === null) return;
      const g = GLEVEL[intermediate] ?? 0;
      this.charsets[g] = charset;
      if (this.glevel === g) this.charset = charset;
    }
  }

  private refreshStyle(): void {
    const { fg, bg, flags } = this.rendition;
    this.styleId = this.styles.id(fg, bg, flags);
    this.styleStale = false;
    this.eraseStyleStale = true;
  }

  /** Erased cells keep only the background colour, as in xterm. */
  private eraseStyle(): number {
    if (this.styleStale) this.refreshStyle();
    if (this.eraseStyleStale) {
      this.eraseStyleId = this.rendition.bg === DEFAULT_COLOR ? 0 : this.styles.id(DEFAULT_COLOR, this.rendition.bg, 0);
      this.eraseStyleStale = false;
    }
    return this.eraseStyleId;
  }

  private moveTo(x: number, ry: number): void {
    this.x = Math.max(0, x);
    this.y = this.top + Math.min(this.rows - 1, Math.max(0, ry));
  }

  /** The cursor's line, marked changed; undefined if it was never written (nothing to edit). */
  private editedLine(): Line | undefined {
    const line = this.lines.at(this.y);
    if (line) this.lines.dirty(this.y);
    return line;
  }

  private eraseCells(from: number, to: number): void {
    this.editedLine()?.erase(from, to, this.eraseStyle());
  }

  /** LF, VT, FF and IND: down one row, scrolling at the bottom of the scroll region. */
  private index(): void {
    const ry = this.y - this.top;
    if (ry === this.scrollBottom) this.scrollUp();
    else if (ry < this.rows - 1) this.y++;
  }

  private reverseIndex(): void {
    const ry = this.y - this.top;
    if (ry === this.scrollTop) this.scrollRegion(1);
    else if (ry > 0) this.y--;
  }

  /** One line up. With the region at the top of the window, the top line leaves it and becomes final. */
  private scrollUp(): void {
    if (this.scrollTop !== 0) return this.scrollRegion(-1);
    this.lines.scrollIntoHistory(this.scrollBottom);
    this.y++;
  }

  /** Shifts the scroll region's lines down (count > 0) or up (count < 0), no line becoming final. */
  private scrollRegion(count: number): void {
    for (let i = 0; i < Math.abs(count); i++) {
      if (count > 0) this.lines.moveRow(this.scrollBottom, this.scrollTop);
      else this.lines.moveRow(this.scrollTop, this.scrollBottom);
    }
  }

  private insertLines(count: number, ry: number): void {
    if (ry < this.scrollTop || ry > this.scrollBottom) return;
    for (let i = Math.min(count, this.rows); i > 0; i--) this.lines.moveRow(this.scrollBottom, ry);
    this.x = 0;
  }

  private deleteLines(count: number, ry: number): void {
    if (ry < this.scrollTop || ry > this.scrollBottom) return;
    for (let i = Math.min(count, this.rows); i > 0; i--) this.lines.moveRow(ry, this.scrollBottom);
    this.x = 0;
  }

  private eraseLine(mode: number): void {
    if (mode === 0) this.eraseCells(this.x, Infinity);
    else if (mode === 1) this.eraseCells(0, this.x + 1);
    else if (mode === 2) this.eraseCells(0, Infinity);
  }

  private eraseDisplay(mode: number): void {
    if (mode === 0) {
      this.eraseLine(0);
      this.lines.truncate(this.y + 1);
    } else if (mode === 1) {
      this.eraseLine(1);
      this.lines.clearBefore(this.y);
    } else if (mode === 2) {
      if (this.eraseInDisplay === "clear") return this.lines.truncate(this.top);
      // Scroll what is on screen into the history instead, like xterm's scrollOnEraseInDisplay.
      for (let i = this.lines.lastWrittenRow(); i >= 0; i--) this.scrollUp();
    }
  }

  private repeat(count: number, join: number): void {
    if (join === 0 || !this.lastPrinted) return;
    const chars = Array.from(this.lastPrinted);
    const last = chars[chars.length - 1] ?? "";
    this.join = join;
    const run = last.repeat(Math.min(count, MAX_REPEAT));
    this.print(run, 0, run.length, isNarrow(run, 0, run.length));
  }

  private setScrollRegion(top: number, bottom: number): void {
    if (bottom === 0 || bottom > this.rows) bottom = this.rows;
    if (bottom <= top) return;
    this.scrollTop = top - 1;
    this.scrollBottom = bottom - 1;
    this.moveTo(0, 0);
  }

  private saveCursor(): void {
    const { fg, bg, flags } = this.rendition;
    this.saved = { x: this.x, y: this.y, fg, bg, flags, charset: this.charset };
  }

  private restoreCursor(): void {
    const saved = this.saved;
    this.moveTo(saved.x, Math.max(saved.y - this.top, 0));
    this.rendition.fg = saved.fg;
    this.rendition.bg = saved.bg;
    this.rendition.flags = saved.flags;
    this.styleStale = true;
    if (saved.charset) this.charset = saved.charset;
  }

  private setGLevel(g: number): void {
    this.glevel = g;
    this.charset = this.charsets[g];
  }

  private softReset(): void {
    this.scrollTop = 0;
    this.scrollBottom = this.rows - 1;
    this.rendition.reset();
    this.styleStale = true;
    this.charsets = [];
    this.setGLevel(0);
    this.saved = { x: 0, y: this.top, fg: DEFAULT_COLOR, bg: DEFAULT_COLOR, flags: 0, charset: undefined };
  }

  /** RIS. xterm also wipes its scrollback; final lines here never change, so only the window is cleared. */
  private reset(): void {
    this.softReset();
    this.lines.truncate(this.top);
    this.x = 0;
    this.y = this.top;
  }
}
