import "server-only";

const MASK = Buffer.from("***");
const EMPTY = Buffer.alloc(0);

/**
 * Replaces secret values in one byte stream with `***`, even when a value is split across writes.
 *
 * Matching is on bytes (secrets as UTF-8), so output that is not UTF-8 is masked all the same.
 * Every byte covered by an occurrence of any secret is hidden; overlapping occurrences become one
 * `***`, so no fragment of an overlapped secret survives. Only a tail that could still become a
 * secret is held back (at most the longest secret's length - 1 bytes), so ordinary output passes
 * through at once; `end()` releases what is held.
 *
 * The output is the same however the input is split: `push(a) + push(b) + end()` equals
 * `push(a + b) + end()`.
 */
export class SecretMasker {
  private readonly secrets: Buffer[];
  /** Bytes not yet decided: they may be the start of a secret. */
  private held: Buffer = EMPTY;
  /** Stream position of `held[0]`. */
  private heldAt = 0;
  /** Stream position up to which bytes are already represented by an emitted `***`. */
  private maskedTo = 0;

  constructor(secrets: Iterable<string | Uint8Array>) {
    const unique = new Map<string, Buffer>();
    for (const secret of secrets) {
      const bytes = typeof secret === "string" ? Buffer.from(secret, "utf8") : Buffer.from(secret);
      if (bytes.length > 0) unique.set(bytes.toString("hex"), bytes);
    }
    this.secrets = [...unique.values()];
  }

  /** How many bytes are held back right now (never more than the longest secret - 1). */
  get pending(): number {
    return this.held.length;
  }

  /** Masks `input` and returns what is certain so far; may hold back a possible secret prefix. */
  push(input: Uint8Array): Buffer {
    if (this.secrets.length === 0) return Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    const data = this.held.length ? Buffer.concat([this.held, input]) : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    return this.process(data, data.length - this.longestOpenPrefix(data));
  }

  /** Releases everything held back: the stream is over, so no secret can complete any more. */
  end(): Buffer {
    if (this.held.length === 0) return EMPTY;
    return this.process(this.held, this.held.length);
  }

  /**
   * Emits the decided part `data[0, decided)`; keeps `data[decided, end)` for later.
   * Occurrences starting at or after `decided` are left for the next call, which sees them again.
   */
  private process(data: Buffer, decided: number): Buffer {
    const base = this.heldAt;
    const out: Buffer[] = [];
    let cursor = Math.max(0, this.maskedTo - base); // bytes before it are already emitted or masked
    for (const [start, end] of this.occurrences(data, decided)) {
      if (base + start < this.maskedTo) {
        // Overlaps the run already masked: extend it without another `***`.
        this.maskedTo = Math.max(this.maskedTo, base + end);
      } else {
        if (start > cursor) out.push(data.subarray(cursor, start));
        out.push(MASK);
        this.maskedTo = base + end;
      }
      cursor = Math.max(cursor, this.maskedTo - base);
    }
    if (decided > cursor) out.push(data.subarray(cursor, decided));
    this.held = Buffer.from(data.subarray(decided));
    this.heldAt = base + decided;
    if (out.length === 1 && out[0] !== MASK) return out[0]!;
    return out.length === 0 ? EMPTY : Buffer.concat(out);
  }

  /** Every occurrence of every secret that starts before `limit`, sorted by start. */
  private occurrences(data: Buffer, limit: number): Array<[number, number]> {
    const found: Array<[number, number]> = [];
    for (const secret of this.secrets) {
      for (let at = data.indexOf(secret); at !== -1 && at < limit; at = data.indexOf(secret, at + 1)) {
        found.push([at, at + secret.length]);
      }
    }
    if (found.length > 1) found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    return found;
  }

  /** Length of the longest tail of `data` that is a proper prefix of some secret. */
  private longestOpenPrefix(data: Buffer): number {
    let longest = 0;
    for (const secret of this.secrets) {
      const first = secret[0]!;
      for (let length = Math.min(secret.length - 1, data.length); length > longest; length--) {
        const at = data.length - length;
        if (data[at] === first && data.compare(secret, 0, length, at) === 0) {
          longest = length;
          break;
        }
      }
    }
    return longest;
  }
}
