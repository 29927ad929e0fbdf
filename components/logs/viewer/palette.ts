// Terminal styles as CSS. The 16 theme colours are classes over CSS variables with a light and a dark
// value (html.dark switches them); 256-palette and truecolor colours are inline; flags are classes,
// except the text decorations, which combine into one inline text-decoration-line.

import type { CSSProperties } from "react";
import { colorHex } from "@/components/logs/model/html";
import { DEFAULT_COLOR, StyleFlag, type Style } from "@/components/logs/model/style";
import type { StyleSpan } from "@/components/logs/model/terminal-log";

// Readable on white: GitHub's light terminal colours, yellow darkened.
export const LIGHT_PALETTE = [
  "#24292f", "#cf222e", "#116329", "#9a6700", "#0969da", "#8250df", "#1b7c83", "#6e7781",
  "#57606a", "#a40e26", "#1a7f37", "#7d4e00", "#218bff", "#a475f9", "#3192aa", "#8c959f",
] as const;
// Readable on slate-900: GitHub's dark terminal colours.
export const DARK_PALETTE = [
  "#484f58", "#ff7b72", "#3fb950", "#d29922", "#58a6ff", "#bc8cff", "#39c5cf", "#b1bac4",
  "#6e7681", "#ffa198", "#56d364", "#e3b341", "#79c0ff", "#d2a8ff", "#56d4dd", "#f0f6fc",
] as const;
const LIGHT_TEXT = { fg: "#1f2328", bg: "#ffffff" };
const DARK_TEXT = { fg: "#e6edf3", bg: "#0f172a" };

const FLAG_CLASSES: [number, string][] = [
  [StyleFlag.BOLD, "tl-bold"],
  [StyleFlag.DIM, "tl-dim"],
  [StyleFlag.ITALIC, "tl-italic"],
  [StyleFlag.BLINK, "tl-blink"],
  [StyleFlag.HIDDEN, "tl-hidden"],
];
const DECORATIONS: [number, string][] = [
  [StyleFlag.UNDERLINE, "underline"],
  [StyleFlag.OVERLINE, "overline"],
  [StyleFlag.STRIKETHROUGH, "line-through"],
];

export interface SpanCss {
  className: string | undefined;
  style: CSSProperties | undefined;
}

const PLAIN: SpanCss = { className: undefined, style: undefined };

export function spanCss(span: Style): SpanCss {
  if (span.fg === DEFAULT_COLOR && span.bg === DEFAULT_COLOR && span.flags === 0) return PLAIN;
  let { fg, bg } = span;
  const classes: string[] = [];
  const style: CSSProperties = {};
  if (span.flags & StyleFlag.INVERSE) {
    [fg, bg] = [bg, fg];
    if (fg === DEFAULT_COLOR) classes.push("tl-fg-inverse");
    if (bg === DEFAULT_COLOR) classes.push("tl-bg-inverse");
  }
  if (fg !== DEFAULT_COLOR) {
    const hex = colorHex(fg);
    if (hex) style.color = hex;
    else classes.push(`tl-fg-${fg}`);
  }
  if (bg !== DEFAULT_COLOR) {
    const hex = colorHex(bg);
    if (hex) style.backgroundColor = hex;
    else classes.push(`tl-bg-${bg}`);
  }
  for (const [flag, name] of FLAG_CLASSES) if (span.flags & flag) classes.push(name);
  const lines = DECORATIONS.filter(([flag]) => span.flags & flag).map(([, line]) => line);
  if (lines.length) style.textDecorationLine = lines.join(" ");
  return { className: classes.length ? classes.join(" ") : undefined, style: Object.keys(style).length ? style : undefined };
}

/** A piece of a line to draw: one style, and whether it is a search match (1) or the current one (2). */
export interface Piece {
  start: number;
  end: number;
  style: Style | null;
  mark: 0 | 1 | 2;
}

/** The line cut where styles change and where search matches start and end. */
export function linePieces(textLength: number, spans: readonly StyleSpan[], matches: readonly [number, number][], current = -1): Piece[] {
  const runs: readonly { start: number; end: number; style: Style | null }[] =
    spans.length > 0 ? spans.map((s) => ({ start: s.start, end: s.end, style: s })) : textLength > 0 ? [{ start: 0, end: textLength, style: null }] : [];
  const pieces: Piece[] = [];
  let m = 0;
  for (const run of runs) {
    let pos = run.start;
    while (pos < run.end) {
      while (m < matches.length && (matches[m]?.[1] ?? 0) <= pos) m++;
      const match = matches[m];
      let end: number;
      let mark: Piece["mark"] = 0;
      if (match && match[0] <= pos) {
        end = Math.min(run.end, match[1]);
        mark = m === current ? 2 : 1;
      } else end = Math.min(run.end, match ? match[0] : run.end);
      pieces.push({ start: pos, end, style: run.style, mark });
      pos = end;
    }
  }
  return pieces;
}

function themeVariables(palette: readonly string[], text: { fg: string; bg: string }): string {
  return [`--tl-fg:${text.fg}`, `--tl-bg:${text.bg}`, ...palette.map((hex, i) => `--tl-${i}:${hex}`)].join(";");
}

/** The viewer's stylesheet: theme variables on .tl-root, colour and flag classes, gutter labels. */
export function paletteCss(): string {
  const colors = LIGHT_PALETTE.map((_, i) => `.tl-fg-${i}{color:var(--tl-${i})}.tl-bg-${i}{background-color:var(--tl-${i})}`).join("");
  return [
    `.tl-root{${themeVariables(LIGHT_PALETTE, LIGHT_TEXT)};color:var(--tl-fg);background-color:var(--tl-bg)}`,
    `.dark .tl-root{${themeVariables(DARK_PALETTE, DARK_TEXT)}}`,
    colors,
    ".tl-fg-inverse{color:var(--tl-bg)}.tl-bg-inverse{background-color:var(--tl-fg)}",
    ".tl-bold{font-weight:700}.tl-dim{opacity:.6}.tl-italic{font-style:italic}.tl-hidden{color:transparent}",
    // Labels drawn from attributes: not part of the line's text, so selecting and copying skip them.
    ".tl-label::before{content:attr(data-label)}",
  ].join("\n");
}
