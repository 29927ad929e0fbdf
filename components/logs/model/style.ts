// Text styles: the SGR state of the terminal and a table that interns each distinct style as a small
// integer, so lines store runs of (offset, style id) and never per-character objects.

import type { Params } from "./params";

/** A colour: DEFAULT_COLOR, a palette index 0–255, or RGB as RGB_FLAG | 0xRRGGBB (see rgbColor). */
export type Color = number;
export const DEFAULT_COLOR = -1;
export const RGB_FLAG = 0x1000000;

export const StyleFlag = {
  BOLD: 1,
  DIM: 2,
  ITALIC: 4,
  UNDERLINE: 8,
  BLINK: 16,
  INVERSE: 32,
  HIDDEN: 64,
  STRIKETHROUGH: 128,
  OVERLINE: 256,
} as const;

export interface Style {
  fg: Color;
  bg: Color;
  /** StyleFlag bits. */
  flags: number;
}

export function rgbColor(r: number, g: number, b: number): Color {
  return RGB_FLAG | ((r & 0xff) << 16) | ((g & 0xff) << 8) | (b & 0xff);
}

export function isRgb(color: Color): boolean {
  return color >= RGB_FLAG;
}

export const DEFAULT_STYLE: Readonly<Style> = Object.freeze({ fg: DEFAULT_COLOR, bg: DEFAULT_COLOR, flags: 0 });

/** Interns styles; id 0 is the default style. */
export class StyleTable {
  private readonly styles: Style[] = [DEFAULT_STYLE];
  private readonly ids = new Map<string, number>([["-1,-1,0", 0]]);
  /** The last few styles looked up, as (fg, bg, flags, id): logs switch among a handful. */
  private readonly recent = new Int32Array(RECENT * 4).fill(-2);
  private recentNext = 0;

  id(fg: Color, bg: Color, flags: number): number {
    const recent = this.recent;
    for (let i = 0; i < recent.length; i += 4) {
      if (recent[i] === fg && recent[i + 1] === bg && recent[i + 2] === flags) return recent[i + 3] ?? 0;
    }
    const key = `${fg},${bg},${flags}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.styles.length;
      this.styles.push(Object.freeze({ fg, bg, flags }));
      this.ids.set(key, id);
    }
    const at = this.recentNext * 4;
    recent[at] = fg;
    recent[at + 1] = bg;
    recent[at + 2] = flags;
    recent[at + 3] = id;
    this.recentNext = (this.recentNext + 1) % RECENT;
    return id;
  }

  get(id: number): Style {
    return this.styles[id] ?? DEFAULT_STYLE;
  }
}

const RECENT = 16;

/** The current graphic rendition, changed by SGR (CSI … m) exactly as xterm.js applies it. */
export class Rendition {
  fg: Color = DEFAULT_COLOR;
  bg: Color = DEFAULT_COLOR;
  flags = 0;

  reset(): void {
    this.fg = DEFAULT_COLOR;
    this.bg = DEFAULT_COLOR;
    this.flags = 0;
  }

  apply(params: Params): void {
    for (let i = 0; i < params.length; i++) {
      const p = params.at(i);
      if (p >= 30 && p <= 37) this.fg = p - 30;
      else if (p >= 40 && p <= 47) this.bg = p - 40;
      else if (p >= 90 && p <= 97) this.fg = p - 90 + 8;
      else if (p >= 100 && p <= 107) this.bg = p - 100 + 8;
      else if (p === 0) this.reset();
      else if (p === 38 || p === 48 || p === 58) i += this.extendedColor(params, i);
      else if (p === 39) this.fg = DEFAULT_COLOR;
      else if (p === 49) this.bg = DEFAULT_COLOR;
      else if (p === 4) this.setUnderline(params.hasSub(i) ? (params.sub(i)[0] ?? 1) : 1);
      else if (p === 24) this.flags &= ~StyleFlag.UNDERLINE;
      else if (p === 21) this.flags |= StyleFlag.UNDERLINE;
      else if (p === 22) this.flags &= ~(StyleFlag.BOLD | StyleFlag.DIM);
      else {
        const flag = FLAG_ON[p];
        if (flag) this.flags |= flag;
        else {
          const off = FLAG_OFF[p];
          if (off) this.flags &= ~off;
        }
      }
    }
  }

  private setUnderline(style: number): void {
    // 4:0 turns underline off; any other sub-parameter (curly, dotted …) is drawn as underline.
    if (style === 0) this.flags &= ~StyleFlag.UNDERLINE;
    else this.flags |= StyleFlag.UNDERLINE;
  }

  /**
   * 38/48/58 with `;5;n`, `;2;r;g;b` or their colon forms; returns how many parameters it used.
   * A port of xterm's _extractColor, including its reading of malformed input.
   */
  private extendedColor(params: Params, pos: number): number {
    const accu = [0, 0, -1, 0, 0, 0];
    let cSpace = 0;
    let advance = 0;
    do {
      accu[advance + cSpace] = params.at(pos + advance);
      if (params.hasSub(pos + advance)) {
        const sub = params.sub(pos + advance);
        let k = 0;
        do {
          if (accu[1] === 5) cSpace = 1;
          accu[advance + k + 1 + cSpace] = sub[k] ?? 0;
        } while (++k < sub.length && k + advance + 1 + cSpace < accu.length);
        break;
      }
      if ((accu[1] === 5 && advance + cSpace >= 2) || (accu[1] === 2 && advance + cSpace >= 5)) break;
      if (accu[1]) cSpace = 1;
    } while (++advance + pos < params.length && advance + cSpace < accu.length);
    for (let k = 2; k < accu.length; k++) if (accu[k] === -1) accu[k] = 0;
    const [target, mode, , c1 = 0, c2 = 0, c3 = 0] = accu;
    let color: Color | undefined;
    if (mode === 2) color = rgbColor(c1, c2, c3);
    else if (mode === 5) color = c1 & 0xff;
    if (color !== undefined) {
      if (target === 38) this.fg = color;
      else if (target === 48) this.bg = color;
    }
    return advance;
  }
}

const FLAG_ON: Record<number, number> = {
  1: StyleFlag.BOLD,
  2: StyleFlag.DIM,
  3: StyleFlag.ITALIC,
  5: StyleFlag.BLINK,
  7: StyleFlag.INVERSE,
  8: StyleFlag.HIDDEN,
  9: StyleFlag.STRIKETHROUGH,
  53: StyleFlag.OVERLINE,
};

const FLAG_OFF: Record<number, number> = {
  23: StyleFlag.ITALIC,
  25: StyleFlag.BLINK,
  27: StyleFlag.INVERSE,
  28: StyleFlag.HIDDEN,
  29: StyleFlag.STRIKETHROUGH,
  55: StyleFlag.OVERLINE,
};
