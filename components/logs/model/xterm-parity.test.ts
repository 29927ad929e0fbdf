// Every line must read exactly as xterm.js shows it, for real tool output recorded under a terminal
// (corpus/*.log) and for hand-made edge cases, whatever the window and however the bytes are split.

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TerminalLog, type TerminalLogOptions } from "./terminal-log";
import { syntheticCases, type ByteCase } from "./testing/synthetic-cases";
import { modelLines, styleDifferences, writeInChunks, xtermRender } from "./testing/xterm-oracle";

const corpusDir = path.join(import.meta.dirname, "corpus");

export function corpusCases(): ByteCase[] {
  return fs
    .readdirSync(corpusDir)
    .filter((name) => name.endsWith(".log"))
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(fs.readFileSync(path.join(corpusDir, name))) }));
}

interface Setting {
  label: string;
  options: TerminalLogOptions & { window: number };
}

const settings: Setting[] = [
  { label: "24-row window", options: { window: 24, convertEol: false } },
  { label: "1000-row window, LF as newline", options: { window: 1000, convertEol: true } },
  { label: "5-row window, ED 2 scrolls", options: { window: 5, convertEol: false, eraseInDisplay: "scroll" } },
];

/** Cases compared on text only: xterm underlines hyperlinks (OSC 8), which the model only consumes. */
const TEXT_ONLY = new Set(["osc8-hyperlink"]);

async function compare(bytes: Uint8Array, options: Setting["options"], split: boolean, styles = true) {
  const oracle = await xtermRender(bytes, {
    rows: options.window,
    convertEol: options.convertEol,
    scrollOnEraseInDisplay: options.eraseInDisplay === "scroll",
  });
  const log = new TerminalLog({ ...options, invalidUtf8: "drop" });
  if (split) writeInChunks(log, bytes);
  else log.write(bytes);
  expect(modelLines(log)).toEqual(oracle.map((line) => line.text));
  if (styles) expect(styleDifferences(log, oracle)).toEqual([]);
}

describe("real tool output matches xterm.js", () => {
  const cases = corpusCases();
  it("has a corpus of real captures", () => {
    expect(cases.length).toBeGreaterThanOrEqual(8);
  });
  for (const { name, bytes } of cases) {
    for (const setting of settings) {
      it(`${name}, ${setting.label}, written in small chunks`, async () => {
        await compare(bytes, setting.options, true);
      });
    }
  }
});

describe("edge cases match xterm.js", () => {
  for (const { name, bytes } of syntheticCases()) {
    for (const setting of settings) {
      it(`${name}, ${setting.label}`, async () => {
        await compare(bytes, setting.options, name !== "long-line-100k", !TEXT_ONLY.has(name));
      });
    }
  }
});
