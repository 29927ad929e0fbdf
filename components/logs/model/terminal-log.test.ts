import { describe, expect, it } from "vitest";
import { StyleFlag, rgbColor } from "./style";
import { TerminalLog, type LogChange } from "./terminal-log";

const ESC = "\x1b";
const CSI = `${ESC}[`;

function texts(log: TerminalLog): string[] {
  return Array.from({ length: log.lineCount }, (_, i) => log.lineText(i));
}

function numbered(count: number, from = 0): string {
  return Array.from({ length: count }, (_, i) => `line ${from + i}\n`).join("");
}

describe("TerminalLog", () => {
  it("ends a progress bar redrawn with CR and erase-in-line as its last state", () => {
    const log = new TerminalLog();
    log.write(new TextEncoder().encode(`Downloading 10%\rDownloading 55%\r${CSI}KDone\nnext\n`));
    expect(texts(log)).toEqual(["Done", "next"]);
  });

  it("treats a bare LF as a new line by default (container output) and as a terminal does when told", () => {
    const log = new TerminalLog();
    log.write("one\ntwo\n");
    expect(texts(log)).toEqual(["one", "two"]);
    const raw = new TerminalLog({ convertEol: false });
    raw.write("one\ntwo\n");
    expect(texts(raw)).toEqual(["one", "   two"]);
  });

  it("keeps lines that left the window final: cursor movement can no longer reach them", () => {
    const log = new TerminalLog({ window: 5 });
    log.write(numbered(12));
    expect(log.finalizedCount).toBe(8);
    log.write(`${CSI}99A${CSI}Hrewritten${CSI}2J`);
    expect(log.lineText(7)).toBe("line 7");
    expect(log.lineText(0)).toBe("line 0");
    expect(log.lineCount).toBe(8);
    expect(log.cursor).toEqual({ line: 8, column: 9 });
  });

  it("clears the window on ED 2 but keeps it as history when eraseInDisplay is scroll", () => {
    const clear = new TerminalLog({ window: 3 });
    clear.write(`a\nb\nc${CSI}2Jd`);
    expect(texts(clear)).toEqual(["", "", " d"]);
    const scroll = new TerminalLog({ window: 3, eraseInDisplay: "scroll" });
    scroll.write(`a\nb\nc${CSI}2Jd`);
    expect(texts(scroll)).toEqual(["a", "b", "c", "", "", " d"]);
  });

  it("gives each line contiguous style spans with palette, RGB colours and flags", () => {
    const log = new TerminalLog();
    log.write(`plain ${CSI}1;31mbold red${CSI}22;38;5;208m orange ${CSI}48;2;1;2;3;4mrgb${CSI}0m end`);
    const { text, spans } = log.line(0);
    expect(text).toBe("plain bold red orange rgb end");
    expect(spans.map((span) => [text.slice(span.start, span.end), span.fg, span.bg, span.flags])).toEqual([
      ["plain ", -1, -1, 0],
      ["bold red", 1, -1, StyleFlag.BOLD],
      [" orange ", 208, -1, 0],
      ["rgb", 208, rgbColor(1, 2, 3), StyleFlag.UNDERLINE],
      [" end", -1, -1, 0],
    ]);
  });

  it("carries a colour across newlines until it is reset", () => {
    const log = new TerminalLog();
    log.write(`${CSI}32mgreen\nstill${CSI}m\nplain`);
    expect([0, 1, 2].map((i) => log.line(i).spans.map((span) => span.fg))).toEqual([[2], [2], [-1]]);
  });

  it("erases with the current background colour, as a terminal does", () => {
    const log = new TerminalLog();
    log.write(`abcdef\r${CSI}3C${CSI}44m${CSI}1K`);
    const { text, spans } = log.line(0);
    expect(text).toBe("    ef");
    expect(spans.map((span) => [span.start, span.end, span.bg])).toEqual([
      [0, 4, 4],
      [4, 6, -1],
    ]);
  });

  it("handles a 100 kB line in one piece and quickly", () => {
    const log = new TerminalLog();
    const long = "x".repeat(100_000);
    const started = performance.now();
    for (let i = 0; i < 100; i++) log.write(`${long}\r${CSI}32m${long}\n`);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(log.lineCount).toBe(100);
    expect(log.lineText(99)).toHaveLength(100_000);
    expect(log.line(99).spans).toEqual([{ start: 0, end: 100_000, fg: 2, bg: -1, flags: 0 }]);
  });

  it("reads back final lines packed into history blocks with their styles", () => {
    const log = new TerminalLog({ window: 10 });
    const lines = Array.from({ length: 2000 }, (_, i) => `${i} ${CSI}3${i % 8}mcolour ${i % 8}${CSI}0m`);
    log.write(`${lines.join("\n")}\n`);
    expect(log.finalizedCount).toBe(1991);
    for (const i of [0, 511, 512, 1023, 1500, 1999]) {
      expect(log.lineText(i)).toBe(`${i} colour ${i % 8}`);
      const { spans } = log.line(i);
      expect(spans.map((span) => span.fg)).toEqual([-1, i % 8]);
    }
  });

  it("reports what changed after each write, and nothing when nothing did", () => {
    const changes: LogChange[] = [];
    const log = new TerminalLog({ window: 3, onChange: (change) => changes.push(change) });
    log.write("a\nb\nc\nd\n");
    log.write("50%\r");
    log.write("");
    log.write("60%");
    expect(changes).toEqual([
      { from: 0, lineCount: 4, finalizedCount: 2 },
      { from: 4, lineCount: 5, finalizedCount: 2 },
      { from: 4, lineCount: 5, finalizedCount: 2 },
    ]);
    expect(log.takeChange()).toBeNull();
  });

  it("finalises every line at the end, shows a dangling partial character, and refuses more input", () => {
    const log = new TerminalLog();
    log.write(Uint8Array.of(0x6f, 0x6b, 0xe2, 0x82));
    log.end();
    expect(log.lineText(0)).toBe("ok\uFFFD");
    expect(log.finalizedCount).toBe(log.lineCount);
    expect(() => log.write("more")).toThrow(/after end/);
  });

  it("refuses to read a line that does not exist", () => {
    const log = new TerminalLog();
    log.write("only");
    expect(() => log.line(1)).toThrow(RangeError);
    expect(() => log.lineText(-1)).toThrow(RangeError);
  });

  it("does not show trailing blank lines the cursor merely passed", () => {
    const log = new TerminalLog();
    log.write("last line\n\n\n");
    expect(log.lineCount).toBe(1);
    log.write("after gap");
    expect(texts(log)).toEqual(["last line", "", "", "after gap"]);
  });
});
