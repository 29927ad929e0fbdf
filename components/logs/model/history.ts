// Final lines, packed: every BLOCK lines their texts are joined into one string and their style runs
// into one Int32Array, so a long log costs a few objects per block instead of several per line (the
// garbage collector copies every surviving object, and a log keeps all of them).

import type { Runs } from "./spans";

const BLOCK = 512;

interface Block {
  text: string;
  /** Line j of the block is text[ends[j - 1], ends[j]). */
  ends: Int32Array;
  /** Line j's runs are runs[runEnds[j - 1], runEnds[j]), as (start, style) pairs. */
  runEnds: Int32Array;
  runs: Int32Array;
}

export class History {
  private readonly blocks: Block[] = [];
  private texts: string[] = [];
  private runs: Runs[] = [];
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(text: string, runs: Runs): void {
    this.texts.push(text);
    this.runs.push(runs);
    this.count++;
    if (this.texts.length === BLOCK) this.pack();
  }

  text(i: number): string {
    const block = this.blocks[Math.floor(i / BLOCK)];
    if (!block) return this.texts[i % BLOCK] ?? "";
    const j = i % BLOCK;
    return block.text.slice(j > 0 ? (block.ends[j - 1] ?? 0) : 0, block.ends[j] ?? 0);
  }

  runsOf(i: number): Runs {
    const block = this.blocks[Math.floor(i / BLOCK)];
    if (!block) return this.runs[i % BLOCK] ?? [];
    const j = i % BLOCK;
    return Array.from(block.runs.subarray(j > 0 ? (block.runEnds[j - 1] ?? 0) : 0, block.runEnds[j] ?? 0));
  }

  private pack(): void {
    const ends = new Int32Array(BLOCK);
    const runEnds = new Int32Array(BLOCK);
    let length = 0;
    let runCount = 0;
    for (let j = 0; j < BLOCK; j++) {
      length += this.texts[j]?.length ?? 0;
      ends[j] = length;
      runCount += this.runs[j]?.length ?? 0;
      runEnds[j] = runCount;
    }
    const runs = new Int32Array(runCount);
    let at = 0;
    for (const lineRuns of this.runs) {
      for (let k = 0; k < lineRuns.length; k++) runs[at++] = lineRuns[k] ?? 0;
    }
    this.blocks.push({ text: this.texts.join(""), ends, runEnds, runs });
    this.texts = [];
    this.runs = [];
  }
}
