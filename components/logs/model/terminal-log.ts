// Slipway's terminal-log model: the raw bytes of a run's log in, the lines a terminal would show out.
// Pure TypeScript (no DOM), meant to run in a Web Worker. Lines keep their index forever; lines that
// have scrolled out of the window of recent lines are final and never change again.

import { Parser } from "./parser";
import { Screen, type EraseInDisplay } from "./screen";
import type { Style } from "./style";
import { Utf8Decoder, type InvalidUtf8 } from "./utf8-decoder";

export interface TerminalLogOptions {
  /** Rows the cursor can still reach: a terminal's height. Default 1000. */
  window?: number;
  /** What an invalid UTF-8 sequence becomes: U+FFFD (default) or nothing, as xterm.js shows it. */
  invalidUtf8?: InvalidUtf8;
  /**
   * LF also returns to column 0 (default true): container output captured without a TTY has bare
   * LFs, which a terminal would draw as a staircase. Set false for bytes recorded from a real TTY,
   * where the line discipline already sent CR LF; either way matches xterm with the same convertEol.
   */
  convertEol?: boolean;
  /** ED 2 (`CSI 2 J`) blanks the window ("clear", default, as a terminal) or scrolls it into the history first. */
  eraseInDisplay?: EraseInDisplay;
  /** Called after a write or end() that changed something. */
  onChange?: (change: LogChange) => void;
}

/** What changed: lines from `from` on may differ (or be new); lines before `finalizedCount` are final. */
export interface LogChange {
  from: number;
  lineCount: number;
  finalizedCount: number;
}

/** A styled range [start, end) of a line's text, in UTF-16 offsets. */
export interface StyleSpan extends Style {
  start: number;
  end: number;
}

export interface LogLine {
  text: string;
  /** Contiguous spans covering the whole text (none for an empty line). */
  spans: StyleSpan[];
}

export const DEFAULT_WINDOW = 1000;

export class TerminalLog {
  onChange: ((change: LogChange) => void) | undefined;
  private readonly decoder: Utf8Decoder;
  private readonly screen: Screen;
  private readonly parser: Parser;
  private ended = false;
  private reported = { lineCount: 0, finalizedCount: 0 };

  constructor(options: TerminalLogOptions = {}) {
    const rows = Math.max(1, Math.floor(options.window ?? DEFAULT_WINDOW));
    this.decoder = new Utf8Decoder(options.invalidUtf8 ?? "replace");
    this.screen = new Screen(rows, options.eraseInDisplay ?? "clear", options.convertEol ?? true);
    this.parser = new Parser(this.screen);
    this.onChange = options.onChange;
  }

  /** Feeds raw output; a UTF-8 sequence or escape sequence may be split across writes. */
  write(data: Uint8Array | string): void {
    if (this.ended) throw new Error("TerminalLog: write after end()");
    const text = typeof data === "string" ? data : this.decoder.decode(data);
    if (text) this.parser.parse(text);
    this.notify();
  }

  /** The log is complete: a dangling partial character is shown as U+FFFD and every line is final. */
  end(): void {
    if (this.ended) return;
    const rest = this.decoder.end();
    if (rest) this.parser.parse(rest);
    this.ended = true;
    this.notify();
  }

  get lineCount(): number {
    return this.screen.lines.count;
  }

  get finalizedCount(): number {
    return this.ended ? this.screen.lines.count : this.screen.lines.top;
  }

  /** Cursor position: column and line index. */
  get cursor(): { line: number; column: number } {
    return { line: this.screen.y, column: this.screen.x };
  }

  lineText(i: number): string {
    this.check(i);
    return this.screen.lines.text(i);
  }

  line(i: number): LogLine {
    this.check(i);
    const text = this.screen.lines.text(i);
    const runs = this.screen.lines.runs(i);
    const spans: StyleSpan[] = [];
    if (runs.length === 0 && text) spans.push({ start: 0, end: text.length, ...this.screen.styles.get(0) });
    for (let k = 0; k < runs.length; k += 2) {
      const start = runs[k] ?? 0;
      const end = k + 2 < runs.length ? (runs[k + 2] ?? 0) : text.length;
      if (end > start) spans.push({ start, end, ...this.screen.styles.get(runs[k + 1] ?? 0) });
    }
    return { text, spans };
  }

  /** Changes since the previous call (null if none); for callers that poll rather than use onChange. */
  takeChange(): LogChange | null {
    const { lineCount, finalizedCount } = this;
    const from = Math.min(this.screen.lines.dirtyFrom, this.reported.lineCount, lineCount);
    const changed =
      this.screen.lines.dirtyFrom !== Infinity || lineCount !== this.reported.lineCount || finalizedCount !== this.reported.finalizedCount;
    if (!changed) return null;
    this.screen.lines.dirtyFrom = Infinity;
    this.reported = { lineCount, finalizedCount };
    return { from, lineCount, finalizedCount };
  }

  private notify(): void {
    if (!this.onChange) return;
    const change = this.takeChange();
    if (change) this.onChange(change);
  }

  private check(i: number): void {
    if (!(i >= 0 && i < this.screen.lines.count)) throw new RangeError(`TerminalLog: no line ${i} (lineCount ${this.lineCount})`);
  }
}
