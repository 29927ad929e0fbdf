// A line as escaped HTML for the log viewer. The 16 theme colours and the flags become classes
// (so the viewer's CSS decides how "red" or "dim" looks, light or dark); 256-palette and truecolor
// colours become inline styles. Classes, with the default prefix "tl-":
//   tl-fg-0 … tl-fg-15, tl-bg-0 … tl-bg-15   theme colours
//   tl-fg-inverse / tl-bg-inverse              inverse video of the default colours (fg = page background, bg = text colour)
//   tl-bold tl-dim tl-italic tl-underline tl-blink tl-hidden tl-strike tl-overline

import { DEFAULT_COLOR, RGB_FLAG, StyleFlag, type Color, type Style } from "./style";
import type { LogLine } from "./terminal-log";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const NEEDS_ESCAPE = /[&<>"']/;
const ESCAPABLE = /[&<>"']/g;

export function escapeHtml(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPABLE, (ch) => ESCAPES[ch] ?? ch) : text;
}

const CUBE = [0, 95, 135, 175, 215, 255];

function hex(r: number, g: number, b: number): string {
  return `#${((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1)}`;
}

/** xterm's colour for palette entries 16–255 (the 6×6×6 cube and the grey ramp), as #rrggbb. */
export function paletteHex(index: number): string {
  if (index >= 232) {
    const v = 8 + 10 * (index - 232);
    return hex(v, v, v);
  }
  const i = index - 16;
  return hex(CUBE[Math.floor(i / 36) % 6] ?? 0, CUBE[Math.floor(i / 6) % 6] ?? 0, CUBE[i % 6] ?? 0);
}

/** #rrggbb of a colour outside the 16 theme colours; null for the default and the theme colours. */
export function colorHex(color: Color): string | null {
  if (color >= RGB_FLAG) return hex((color >> 16) & 0xff, (color >> 8) & 0xff, color & 0xff);
  if (color >= 16) return paletteHex(color);
  return null;
}

const FLAG_CLASSES: [number, string][] = [
  [StyleFlag.BOLD, "bold"],
  [StyleFlag.DIM, "dim"],
  [StyleFlag.ITALIC, "italic"],
  [StyleFlag.UNDERLINE, "underline"],
  [StyleFlag.BLINK, "blink"],
  [StyleFlag.HIDDEN, "hidden"],
  [StyleFlag.STRIKETHROUGH, "strike"],
  [StyleFlag.OVERLINE, "overline"],
];

export interface HtmlOptions {
  /** Prefix of every class name; default "tl-". */
  classPrefix?: string;
}

/** Opening tag attributes for a style, or null for the default style (plain text). */
export function styleAttributes(style: Style, prefix = "tl-"): string | null {
  if (style.fg === DEFAULT_COLOR && style.bg === DEFAULT_COLOR && style.flags === 0) return null;
  let { fg, bg } = style;
  const classes: string[] = [];
  const inline: string[] = [];
  if (style.flags & StyleFlag.INVERSE) {
    [fg, bg] = [bg, fg];
    if (fg === DEFAULT_COLOR) classes.push(`${prefix}fg-inverse`);
    if (bg === DEFAULT_COLOR) classes.push(`${prefix}bg-inverse`);
  }
  if (fg !== DEFAULT_COLOR) {
    const value = colorHex(fg);
    if (value) inline.push(`color:${value}`);
    else classes.push(`${prefix}fg-${fg}`);
  }
  if (bg !== DEFAULT_COLOR) {
    const value = colorHex(bg);
    if (value) inline.push(`background-color:${value}`);
    else classes.push(`${prefix}bg-${bg}`);
  }
  for (const [flag, name] of FLAG_CLASSES) if (style.flags & flag) classes.push(prefix + name);
  let attributes = "";
  if (classes.length) attributes += ` class="${classes.join(" ")}"`;
  if (inline.length) attributes += ` style="${inline.join(";")}"`;
  return attributes;
}

/** The line's text as HTML: escaped, each styled span wrapped in a <span>. */
export function spansToHtml(line: LogLine, options: HtmlOptions = {}): string {
  const prefix = options.classPrefix ?? "tl-";
  let html = "";
  for (const span of line.spans) {
    const text = escapeHtml(line.text.slice(span.start, span.end));
    const attributes = styleAttributes(span, prefix);
    html += attributes === null ? text : `<span${attributes}>${text}</span>`;
  }
  return html;
}
