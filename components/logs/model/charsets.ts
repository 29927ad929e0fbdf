// The one designatable character set real output uses: DEC Special Graphics (`ESC ( 0`), which turns
// ASCII letters into line-drawing characters. Every other designation (`ESC ( B` …) means plain ASCII.

export type Charset = Readonly<Record<string, string>>;

export const DEC_SPECIAL_GRAPHICS: Charset = {
  "`": "\u25c6", a: "\u2592", b: "\u2409", c: "\u240c", d: "\u240d", e: "\u240a", f: "\u00b0", g: "\u00b1",
  h: "\u2424", i: "\u240b", j: "\u2518", k: "\u2510", l: "\u250c", m: "\u2514", n: "\u253c", o: "\u23ba",
  p: "\u23bb", q: "\u2500", r: "\u23bc", s: "\u23bd", t: "\u251c", u: "\u2524", v: "\u2534", w: "\u252c",
  x: "\u2502", y: "\u2264", z: "\u2265", "{": "\u03c0", "|": "\u2260", "}": "\u00a3", "~": "\u00b7",
};

/** Final bytes xterm accepts after `ESC (` and friends; only "0" changes anything here. */
const KNOWN_CHARSETS = new Set("0AB4C5RQKYE6ZH7=");

/** The charset a designation selects, or null when xterm ignores the sequence. */
export function designate(final: string): Charset | undefined | null {
  if (!KNOWN_CHARSETS.has(final)) return null;
  return final === "0" ? DEC_SPECIAL_GRAPHICS : undefined;
}

/** G0–G3 designated by the intermediate byte of ESC ( ) * + - . */
export const GLEVEL: Readonly<Record<string, number>> = { "(": 0, ")": 1, "*": 2, "+": 3, "-": 1, ".": 2 };

export function translate(text: string, charset: Charset): string {
  let out = "";
  for (const ch of text) out += (ch.charCodeAt(0) < 127 ? charset[ch] : undefined) ?? ch;
  return out;
}
