// The materialised rows of the window, indexed from its top. Scrolling drops row 0 at every line
// feed at the bottom, so rows live in an array read from a moving base (compacted now and then)
// rather than paying Array.shift's copy of the whole window each time.

import type { Line } from "./line";

const COMPACT_AT = 4096;

export class WindowRows {
  private rows: Line[] = [];
  private base = 0;

  get length(): number {
    return this.rows.length - this.base;
  }

  at(rel: number): Line | undefined {
    return rel >= 0 ? this.rows[this.base + rel] : undefined;
  }

  push(line: Line): void {
    this.rows.push(line);
  }

  /** Removes and returns row 0. */
  shift(): Line | undefined {
    if (this.base >= this.rows.length) return undefined;
    const line = this.rows[this.base++];
    if (this.base >= COMPACT_AT) {
      this.rows = this.rows.slice(this.base);
      this.base = 0;
    }
    return line;
  }

  insert(rel: number, line: Line): void {
    this.rows.splice(this.base + rel, 0, line);
  }

  remove(rel: number): Line | undefined {
    return this.rows.splice(this.base + rel, 1)[0];
  }

  /** Removes and returns rows from `rel` on. */
  truncate(rel: number): Line[] {
    return this.rows.splice(this.base + rel);
  }
}
