#!/usr/bin/env -S node_modules/.bin/tsx
// How fast does Slipway's terminal-log model turn raw CI output into lines, next to a terminal
// emulator (@xterm/headless) and an ANSI-to-HTML converter (ansi_up)? Run from the repository root:
//   node_modules/.bin/tsx bench/log-render.ts
// The input is the recorded corpus (components/logs/model/corpus/*.log, real tools under a pty)
// repeated to ~32 MB, written in 64 KiB chunks as a live log arrives; then the synthetic edge cases
// (testing/synthetic-cases.ts) the same way. Prints MB/s (median of RUNS rounds, default 5, engines
// interleaved) and the ratios against the targets, and writes bench/results/log-render.json.
// A missed target is reported, not failed.

import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { AnsiUp } from "ansi_up";
import xterm from "@xterm/headless";
import { spansToHtml } from "../components/logs/model/html";
import { TerminalLog } from "../components/logs/model/terminal-log";
import { syntheticCases } from "../components/logs/model/testing/synthetic-cases";
import { writeResults } from "./lib/results";

const ROOT = path.resolve(import.meta.dirname, "..");
const CORPUS_DIR = path.join(ROOT, "components", "logs", "model", "corpus");
const TARGET_BYTES = 32 * 1024 * 1024;
const CHUNK = 64 * 1024;
const RUNS = Number(process.env.RUNS ?? 5);
const WINDOW = 1000;
const XTERM_COLS = 200;
const TARGET_VS_XTERM = 2;
const TARGET_VS_ANSI_UP = 4;

interface Workload {
  name: string;
  bytes: Uint8Array;
  chunks: Uint8Array[];
  text: string[];
}

function repeatTo(parts: Uint8Array[], size: number): Uint8Array {
  const once = Buffer.concat(parts);
  const copies = Math.max(1, Math.round(size / once.length));
  const out = new Uint8Array(once.length * copies);
  for (let i = 0; i < copies; i++) out.set(once, i * once.length);
  return out;
}

function workload(name: string, parts: Uint8Array[]): Workload {
  const bytes = repeatTo(parts, TARGET_BYTES);
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += CHUNK) chunks.push(bytes.subarray(at, at + CHUNK));
  const decoder = new TextDecoder();
  const text = chunks.map((chunk) => decoder.decode(chunk, { stream: true }));
  return { name, bytes, chunks, text };
}

type Engine = (work: Workload) => Promise<void> | void;

const engines: Record<string, Engine> = {
  "TerminalLog (model)": (work) => {
    const log = new TerminalLog({ window: WINDOW });
    for (const chunk of work.chunks) log.write(chunk);
    log.end();
  },
  "TerminalLog + spansToHtml (every line)": (work) => {
    const log = new TerminalLog({ window: WINDOW });
    for (const chunk of work.chunks) log.write(chunk);
    log.end();
    let size = 0;
    for (let i = 0; i < log.lineCount; i++) size += spansToHtml(log.line(i)).length;
    if (size < 0) throw new Error("unreachable");
  },
  "@xterm/headless": async (work) => {
    const term = new xterm.Terminal({ cols: XTERM_COLS, rows: WINDOW, scrollback: 10_000, allowProposedApi: true });
    const last = work.chunks.length - 1;
    await new Promise<void>((resolve) => work.chunks.forEach((chunk, i) => term.write(chunk, i === last ? resolve : undefined)));
    term.dispose();
  },
  "ansi_up ansi_to_html": (work) => {
    const ansiUp = new AnsiUp();
    let size = 0;
    for (const text of work.text) size += ansiUp.ansi_to_html(text).length;
    if (size < 0) throw new Error("unreachable");
  },
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * Runs every engine once per round, round after round, so load from elsewhere on the machine falls on
 * all of them alike; the figure is the median over rounds (after one warm-up round for the JIT).
 */
async function measureAll(work: Workload): Promise<Record<string, { mbPerS: number; runs: number[] }>> {
  const runs: Record<string, number[]> = Object.fromEntries(Object.keys(engines).map((name) => [name, []]));
  for (let round = -1; round < RUNS; round++) {
    for (const [name, engine] of Object.entries(engines)) {
      globalThis.gc?.();
      const start = performance.now();
      await engine(work);
      const seconds = (performance.now() - start) / 1000;
      if (round >= 0) runs[name]?.push(work.bytes.length / 1e6 / seconds);
    }
  }
  return Object.fromEntries(Object.entries(runs).map(([name, values]) => [name, { mbPerS: median(values), runs: values }]));
}

function corpusParts(): Uint8Array[] {
  return fs
    .readdirSync(CORPUS_DIR)
    .filter((name) => name.endsWith(".log"))
    .sort()
    .map((name) => new Uint8Array(fs.readFileSync(path.join(CORPUS_DIR, name))));
}

async function main() {
  const workloads = [
    workload("real captures (corpus/*.log)", corpusParts()),
    workload("synthetic edge cases (incl. a 100 kB line)", syntheticCases().map((c) => c.bytes)),
  ];
  const results = [];
  for (const work of workloads) {
    process.stderr.write(`  … ${work.name}: ${(work.bytes.length / 1e6).toFixed(1)} MB, ${RUNS} runs each\n`);
    const figures = await measureAll(work);
    for (const [name, figure] of Object.entries(figures)) process.stderr.write(`    ${name}: ${figure.mbPerS.toFixed(1)} MB/s\n`);
    const ours = figures["TerminalLog (model)"]?.mbPerS ?? 0;
    const vsXterm = ours / (figures["@xterm/headless"]?.mbPerS ?? Infinity);
    const vsAnsiUp = ours / (figures["ansi_up ansi_to_html"]?.mbPerS ?? Infinity);
    results.push({ workload: work.name, megabytes: work.bytes.length / 1e6, figures, vsXterm, vsAnsiUp });
  }

  const lines = [`log-render: MB/s, median of ${RUNS} runs (window ${WINDOW}; xterm ${XTERM_COLS} cols, 10,000 lines scrollback)`];
  for (const result of results) {
    lines.push("", `${result.workload}, ${result.megabytes.toFixed(1)} MB`);
    for (const [name, figure] of Object.entries(result.figures)) {
      lines.push(`  ${name.padEnd(40)} ${figure.mbPerS.toFixed(1).padStart(8)} MB/s   runs ${figure.runs.map((r) => r.toFixed(0)).join(" ")}`);
    }
    const verdict = (ratio: number, target: number) => `${ratio.toFixed(2)}× (target ≥ ${target}×: ${ratio >= target ? "met" : "NOT met"})`;
    lines.push(`  ours / xterm headless   ${verdict(result.vsXterm, TARGET_VS_XTERM)}`);
    lines.push(`  ours / ansi_up          ${verdict(result.vsAnsiUp, TARGET_VS_ANSI_UP)}`);
  }
  console.log(lines.join("\n"));
  writeResults(ROOT, "log-render", { node: process.version, runs: RUNS, results });
}

await main();
