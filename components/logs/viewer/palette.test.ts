import { describe, expect, it } from "vitest";
import { DEFAULT_COLOR, rgbColor, StyleFlag } from "@/components/logs/model/style";
import { DARK_PALETTE, LIGHT_PALETTE, linePieces, paletteCss, spanCss } from "./palette";

const style = (fg = DEFAULT_COLOR, bg = DEFAULT_COLOR, flags = 0) => ({ fg, bg, flags });

describe("spanCss", () => {
  it("leaves the default style plain", () => {
    expect(spanCss(style())).toEqual({ className: undefined, style: undefined });
  });

  it("draws the 16 theme colours with classes, 256-palette and truecolor inline", () => {
    expect(spanCss(style(1, 12))).toEqual({ className: "tl-fg-1 tl-bg-12", style: undefined });
    expect(spanCss(style(208))).toEqual({ className: undefined, style: { color: "#ff8700" } });
    expect(spanCss(style(DEFAULT_COLOR, 232))).toEqual({ className: undefined, style: { backgroundColor: "#080808" } });
    expect(spanCss(style(rgbColor(1, 2, 255)))).toEqual({ className: undefined, style: { color: "#0102ff" } });
  });

  it("turns flags into classes and one combined text decoration", () => {
    const all = StyleFlag.BOLD | StyleFlag.DIM | StyleFlag.ITALIC | StyleFlag.UNDERLINE | StyleFlag.STRIKETHROUGH;
    expect(spanCss(style(2, DEFAULT_COLOR, all))).toEqual({ className: "tl-fg-2 tl-bold tl-dim tl-italic", style: { textDecorationLine: "underline line-through" } });
  });

  it("swaps colours for inverse video, the default ones through the theme", () => {
    expect(spanCss(style(DEFAULT_COLOR, DEFAULT_COLOR, StyleFlag.INVERSE))).toEqual({ className: "tl-fg-inverse tl-bg-inverse", style: undefined });
    expect(spanCss(style(3, DEFAULT_COLOR, StyleFlag.INVERSE)).className).toBe("tl-fg-inverse tl-bg-3");
    expect(spanCss(style(rgbColor(255, 0, 0), 4, StyleFlag.INVERSE))).toEqual({ className: "tl-fg-4", style: { backgroundColor: "#ff0000" } });
  });
});

describe("paletteCss", () => {
  it("gives each of the 16 colours a light and a dark value", () => {
    const css = paletteCss();
    expect(LIGHT_PALETTE).toHaveLength(16);
    expect(DARK_PALETTE).toHaveLength(16);
    for (let i = 0; i < 16; i++) {
      expect(css).toContain(`--tl-${i}:${LIGHT_PALETTE[i]}`);
      expect(css).toContain(`--tl-${i}:${DARK_PALETTE[i]}`);
      expect(css).toContain(`.tl-fg-${i}{color:var(--tl-${i})}`);
    }
    expect(css).toMatch(/\.dark \.tl-root\{/);
    expect(css).toContain(".tl-bold{font-weight:700}");
  });
});

describe("linePieces", () => {
  const red = { start: 0, end: 5, ...style(1) };
  const plain = { start: 5, end: 11, ...style() };

  it("cuts styled spans where search matches start and end", () => {
    // "error: oops" with "error" red; matches "ror: o" (2..8) and the current one "ps" (9..11).
    const pieces = linePieces(11, [red, plain], [
      [2, 8],
      [9, 11],
    ], 1);
    expect(pieces.map((p) => [p.start, p.end, p.style?.fg, p.mark])).toEqual([
      [0, 2, 1, 0],
      [2, 5, 1, 1],
      [5, 8, -1, 1],
      [8, 9, -1, 0],
      [9, 11, -1, 2],
    ]);
  });

  it("treats unstyled text as one plain run, and an empty line as nothing", () => {
    expect(linePieces(3, [], [[1, 2]])).toEqual([
      { start: 0, end: 1, style: null, mark: 0 },
      { start: 1, end: 2, style: null, mark: 1 },
      { start: 2, end: 3, style: null, mark: 0 },
    ]);
    expect(linePieces(0, [], [])).toEqual([]);
  });
});
