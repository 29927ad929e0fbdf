// Hand-made byte streams for the cases real CI output rarely shows on demand: broken UTF-8, a
// 100 kB line, styles spanning lines, erases, cursor movement past the window, clears, and the odd
// escapes tools emit. Shared by the xterm parity tests and the benchmark.

export interface ByteCase {
  name: string;
  bytes: Uint8Array;
}

const encoder = new TextEncoder();
const ESC = "\x1b";
const CSI = `${ESC}[`;

function text(name: string, value: string): ByteCase {
  return { name, bytes: encoder.encode(value) };
}

function concat(...parts: (string | number[])[]): Uint8Array {
  const chunks = parts.map((part) => (typeof part === "string" ? encoder.encode(part) : Uint8Array.from(part)));
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function lines(count: number, make: (i: number) => string): string {
  return Array.from({ length: count }, (_, i) => `${make(i)}\r\n`).join("");
}

export function syntheticCases(): ByteCase[] {
  const words = "lorem ipsum dolor sit amet consectetur adipiscing elit ".repeat(2000);
  return [
    {
      name: "invalid-utf8",
      bytes: concat(
        "ok ",
        [0xff, 0x61, 0xc3, 0x28, 0x62, 0xe2, 0x82, 0x63, 0xed, 0xa0, 0x80, 0x64, 0xf0, 0x9f, 0x98, 0x80, 0x65, 0x80, 0x80],
        " latin-1: caf",
        [0xe9],
        " end\r\n",
        [0xc0, 0xaf, 0xe0, 0x80, 0xaf, 0xf8, 0x88, 0x80, 0x80, 0x80, 0xef, 0xbb, 0xbf],
        "after BOM\r\n",
      ),
    },
    text("long-line-100k", `${CSI}32m${words.slice(0, 50_000)}${CSI}1;4m${words.slice(0, 50_000)}${CSI}0m\r\nnext\r\n`),
    text("colour-spanning-newlines", `${CSI}31mred\r\nstill red ${CSI}1mbold\r\n${CSI}22mnot bold${CSI}0m plain\r\n`),
    text(
      "sgr-resets",
      `${CSI}1;2;3;4;5;7;8;9;53mall${CSI}22;23;24;25;27;28;29;55mnone${CSI}1m${CSI}mreset${CSI}33;44mx${CSI}39my${CSI}49mz\r\n` +
        `${CSI}38;5;208m256${CSI}48;5;17mbg${CSI}38;2;1;2;3mrgb${CSI}48:2::200:100:50mcolon${CSI}0m\r\n` +
        `${CSI}90mbright${CSI}107mbg${CSI}4:3mcurly${CSI}4:0mno${CSI}21mdouble${CSI}0m\r\n`,
    ),
    text(
      "erase-in-line-after-cr",
      `downloading 10% [##        ]\rdownloading 100% [##########]\r${CSI}Kdone\r\n` +
        `abcdefghij\r${CSI}5C${CSI}1Kxyz\r\nabcdefghij\r${CSI}5C${CSI}1K\r\n0123456789\r${CSI}4C${CSI}0K!\r\n${CSI}41mcoloured${CSI}2K\r${CSI}0mx\r\n`,
    ),
    text("cursor-up-beyond-window", `${lines(40, (i) => `row ${i}`)}${CSI}100Aover the top\r\n${CSI}3Bdown${CSI}99Bend\r\n`),
    text(
      "erase-display",
      `${lines(10, (i) => `before ${i}`)}${CSI}2Jafter clear\r\n${CSI}3;5Hmid${CSI}0Jgone below\r\n` +
        `${lines(3, (i) => `more ${i}`)}${CSI}2A${CSI}3C${CSI}1Jabove gone\r\n${CSI}Hhome`,
    ),
    text(
      "cursor-position",
      `${lines(8, (i) => `line ${i}`)}${CSI}2;3Hxy${CSI}5GZ${CSI}H${CSI}fq${CSI}4;10f!${CSI}10;1H${CSI}6dsix${CSI}2\`two${CSI}3aR${CSI}e.\r\n`,
    ),
    text("tabs-and-backspace", `a\tb\tc\r\n\tx\r\n12345678\t|\r\nabc\b\bX\b\b\bY\r\n${CSI}2I*${CSI}Z+\r\nabcdefghij\r\tT\r\n`),
    text(
      "save-restore",
      `one${ESC}7\r\ntwo${CSI}31m${ESC}8three\r\n${CSI}s${CSI}32mfour\r\n${CSI}ufive${CSI}0m\r\n${ESC}8again\r\n` +
        `${ESC}7${lines(30, (i) => `scrolled ${i}`)}${ESC}8restored below the top\r\n`,
    ),
    text(
      "ignored-sequences",
      `${CSI}?25l${CSI}?2004h${ESC}]0;window title${ESC}\\${ESC}(B${ESC}=` +
        `${ESC}]2;bel title\x07${CSI}>4;1m${CSI}?1h${ESC}P+q544e${ESC}\\${CSI}!p${CSI}1 q${CSI}6nvisible\x07\r\n` +
        `${ESC}(0lqqqk${ESC}(B ascii ${ESC})0\x0eqq\x0f\r\n`,
    ),
    // xterm draws hyperlinked text with a dashed underline; here the link is only consumed (text compared).
    text("osc8-hyperlink", `see ${ESC}]8;id=1;https://example.com/a${ESC}\\the docs${ESC}]8;;${ESC}\\ or ${ESC}]8;;file:///x\x07here${ESC}]8;;\x07.\r\n`),
    text(
      "scroll-region",
      `${CSI}1;5r${lines(12, (i) => `region ${i}`)}${CSI}r${CSI}20;1Hbelow\r\n${CSI}3;6r${CSI}6;1H\n\n${CSI}3;1H${ESC}M${ESC}Mri${CSI}r\r\n` +
        `${CSI}2S${CSI}T${CSI}4;1H${CSI}2L${CSI}M${CSI}2Pdel\r\n`,
    ),
    // A status line kept below a scroll region while the region scrolls into the history (apt's progress bar).
    text(
      "status-line-below-region",
      `${CSI}1;3r${CSI}5;1H${CSI}7mstatus${CSI}0m${CSI}1;1H${lines(10, (i) => `log ${i}`)}${CSI}3;1H${CSI}5Aup${CSI}9Bdown` +
        `${CSI}2;4r${CSI}4;1H${CSI}9A^${CSI}3;1H${CSI}9B_${CSI}r${CSI}3Bafter\r\n`,
    ),
    text("line-edits", `abcdefghij\r${CSI}3C${CSI}2P\r\nabcdefghij\r${CSI}3C${CSI}2@\r\nabcdefghij\r${CSI}3C${CSI}4X\r\nrep${CSI}3b\r\n`),
    text(
      "wide-and-combining",
      `日本語テキスト\r\n日本語\rX\r\nab日本\r${CSI}3CY\r\ne\u0301te\u0301\r${CSI}2CZ\r\n😀 emoji 😀\r${CSI}2C!\r\n` +
        `中文${CSI}1D${CSI}K\r\n한국어${CSI}2G${CSI}1P\r\nwide${CSI}3D${CSI}2@日\r\n`,
    ),
    text(
      "progress-bars",
      Array.from({ length: 50 }, (_, i) => `\r${CSI}36m[${"=".repeat(i)}>${" ".repeat(49 - i)}]${CSI}0m ${i * 2}%`).join("") +
        `\r\n${Array.from({ length: 20 }, (_, i) => `${i ? `${CSI}2A` : ""}\r${CSI}2Ka ${i}\r\n${CSI}2Kb ${i * 3}\r\n`).join("")}`,
    ),
    text("c1-controls", `a\u009b31mred\u009b0m \u009d0;t\u009cb \u0085next\r\n\u0084ind\u0090x\u009c\u0098sos\u009cz\r\n`),
    text("broken-sequences", `${ESC}${ESC}[31mx${CSI}3\x08y${CSI}99;99;99;99;99;99;99;99;99;99;99;99;99;99;99;99;99;99;99;99;99;99;99;99;99;99;99;99;99;99;99;99;99;99;31mz${ESC}[0m${ESC}Q${CSI}1$x\r\n`),
    text("bare-lf", `first\nsecond\n  indented\n${CSI}32mgreen\nplain${CSI}0m\n`),
  ];
}
