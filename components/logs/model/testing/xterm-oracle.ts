// The correctness oracle: @xterm/headless fed the same bytes, read back as logical lines (rows that
// xterm wrapped joined again) with the style of every cell, for comparison with TerminalLog.

import xterm from "@xterm/headless";
import { DEFAULT_COLOR, RGB_FLAG, StyleFlag, type Style } from "../style";
import type { TerminalLog } from "../terminal-log";

const { Terminal } = xterm;

export interface OracleOptions {
  rows: number;
  cols?: number;
  convertEol?: boolean;
  scrollOnEraseInDisplay?: boolean;
}

/** One visible character (or empty cell inside a line) and its style. */
export interface StyledChar {
  chars: string;
  style: Style;
}

export interface OracleLine {
  text: string;
  cells: StyledChar[];
}

type XtermCell = NonNullable<ReturnType<NonNullable<ReturnType<InstanceType<typeof Terminal>["buffer"]["active"]["getLine"]>>["getCell"]>>;

function cellStyle(cell: XtermCell): Style {
  const color = (isDefault: boolean, isRgb: boolean, value: number) => (isDefault ? DEFAULT_COLOR : isRgb ? RGB_FLAG | value : value);
  let flags = 0;
  if (cell.isBold()) flags |= StyleFlag.BOLD;
  if (cell.isDim()) flags |= StyleFlag.DIM;
  if (cell.isItalic()) flags |= StyleFlag.ITALIC;
  if (cell.isUnderline()) flags |= StyleFlag.UNDERLINE;
  if (cell.isBlink()) flags |= StyleFlag.BLINK;
  if (cell.isInverse()) flags |= StyleFlag.INVERSE;
  if (cell.isInvisible()) flags |= StyleFlag.HIDDEN;
  if (cell.isStrikethrough()) flags |= StyleFlag.STRIKETHROUGH;
  if (cell.isOverline()) flags |= StyleFlag.OVERLINE;
  return {
    fg: color(cell.isFgDefault(), cell.isFgRGB(), cell.getFgColor()),
    bg: color(cell.isBgDefault(), cell.isBgRGB(), cell.getBgColor()),
    flags,
  };
}

/** What xterm shows for `bytes`: logical lines, trailing blanks trimmed, trailing empty lines dropped. */
export async function xtermRender(bytes: Uint8Array, options: OracleOptions): Promise<OracleLine[]> {
  const cols = options.cols ?? 500;
  const term = new Terminal({
    cols,
    rows: options.rows,
    scrollback: 100_000,
    allowProposedApi: true,
    convertEol: options.convertEol ?? false,
    scrollOnEraseInDisplay: options.scrollOnEraseInDisplay ?? false,
  });
  await new Promise<void>((resolve) => term.write(bytes, resolve));
  const buffer = term.buffer.active;
  const lines: OracleLine[] = [];
  for (let y = 0; y < buffer.length; y++) {
    const row = buffer.getLine(y);
    if (!row) continue;
    const previous = lines[lines.length - 1];
    const line = row.isWrapped && previous ? previous : { text: "", cells: [] };
    if (line !== previous) lines.push(line);
    line.text += row.translateToString(!nextIsWrapped(buffer, y));
    for (let x = 0; x < row.length; x++) {
      const cell = row.getCell(x);
      if (!cell || cell.getWidth() === 0) continue;
      line.cells.push({ chars: cell.getChars(), style: cellStyle(cell) });
    }
  }
  term.dispose();
  return trimLines(lines);
}

function nextIsWrapped(buffer: InstanceType<typeof Terminal>["buffer"]["active"], y: number): boolean {
  return buffer.getLine(y + 1)?.isWrapped ?? false;
}

function trimLines<T extends { text: string }>(lines: T[]): T[] {
  for (const line of lines) line.text = line.text.trimEnd();
  while (lines.length && lines[lines.length - 1]?.text === "") lines.pop();
  return lines;
}

/** TerminalLog's lines, trimmed the same way. */
export function modelLines(log: TerminalLog): string[] {
  const texts = Array.from({ length: log.lineCount }, (_, i) => log.lineText(i));
  return trimLines(texts.map((text) => ({ text }))).map((line) => line.text);
}

/**
 * Style differences between xterm's cells and the model's spans, for cells holding a character
 * (empty cells have no colour a reader would notice). Returns readable descriptions, at most `limit`.
 */
export function styleDifferences(log: TerminalLog, oracle: OracleLine[], limit = 5): string[] {
  const problems: string[] = [];
  const count = Math.min(oracle.length, log.lineCount);
  for (let i = 0; i < count && problems.length < limit; i++) {
    const { text, spans } = log.line(i);
    let at = 0;
    let span = 0;
    for (const cell of oracle[i]?.cells ?? []) {
      if (at >= text.length) break;
      if (cell.chars !== "") {
        while (span < spans.length - 1 && (spans[span]?.end ?? 0) <= at) span++;
        const ours = spans[span];
        const want = cell.style;
        if (!ours || ours.fg !== want.fg || ours.bg !== want.bg || ours.flags !== want.flags) {
          problems.push(`line ${i} offset ${at} ${JSON.stringify(cell.chars)}: xterm ${JSON.stringify(want)}, model ${JSON.stringify(ours)}`);
          break;
        }
      }
      at += cell.chars.length || 1;
    }
  }
  return problems;
}

/** Feeds bytes in uneven chunks (1 to 97 bytes), so sequences and characters are split across writes. */
export function writeInChunks(log: TerminalLog, bytes: Uint8Array): void {
  const sizes = [1, 2, 3, 5, 7, 11, 13, 17, 31, 61, 97];
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const size = sizes[k % sizes.length] ?? 1;
    log.write(bytes.subarray(at, at + size));
    at += size;
  }
}
