import { describe, expect, it } from "vitest";
import { escapeHtml, paletteHex, spansToHtml } from "./html";
import { TerminalLog } from "./terminal-log";

const CSI = "\x1b[";

function html(input: string, prefix?: string): string {
  const log = new TerminalLog();
  log.write(input);
  return spansToHtml(log.line(0), prefix === undefined ? {} : { classPrefix: prefix });
}

describe("spansToHtml", () => {
  it("escapes markup in log text", () => {
    expect(html(`<script>alert("x" & 'y')</script>`)).toBe("&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;");
    expect(escapeHtml("plain")).toBe("plain");
  });

  it("leaves default text bare and uses classes for theme colours and flags", () => {
    expect(html(`a ${CSI}1;31mb${CSI}0;42;3mc${CSI}0m d`)).toBe(
      'a <span class="tl-fg-1 tl-bold">b</span><span class="tl-bg-2 tl-italic">c</span> d',
    );
  });

  it("uses inline colours for the 256 palette and truecolor", () => {
    expect(html(`${CSI}38;5;196mred${CSI}48;2;0;128;255mblue bg`)).toBe(
      '<span style="color:#ff0000">red</span><span style="color:#ff0000;background-color:#0080ff">blue bg</span>',
    );
  });

  it("swaps colours for inverse video, naming the default ones", () => {
    expect(html(`${CSI}7mrev${CSI}31mred`)).toBe(
      '<span class="tl-fg-inverse tl-bg-inverse">rev</span><span class="tl-fg-inverse tl-bg-1">red</span>',
    );
  });

  it("takes a class prefix", () => {
    expect(html(`${CSI}4;9mx`, "log-")).toBe('<span class="log-underline log-strike">x</span>');
  });

  it("renders an empty line as nothing", () => {
    const log = new TerminalLog();
    log.write("\nsecond");
    expect(spansToHtml(log.line(0))).toBe("");
  });
});

describe("paletteHex", () => {
  it("matches xterm's 256-colour cube and grey ramp", () => {
    expect([16, 196, 231, 232, 255].map(paletteHex)).toEqual(["#000000", "#ff0000", "#ffffff", "#080808", "#eeeeee"]);
  });
});
