// Streaming UTF-8 → UTF-16 decoding with xterm.js's rules, so our text matches what the terminal shows.
// Valid input (nearly all of it) goes through the platform's native TextDecoder; a chunk holding an
// invalid sequence is decoded again by a port of xterm's own decoder, which rejects input at exactly
// the points where xterm drops it. There we emit U+FFFD ("replace", the default, so a user sees that
// something was not UTF-8) or nothing ("drop", which is byte-for-byte what xterm shows).
// A byte order mark is always dropped, as xterm does.

export type InvalidUtf8 = "replace" | "drop";

const BOM = "\uFEFF";

/** Length of the sequence a lead byte starts, by xterm's masks (0 for a byte that cannot start one). */
function sequenceLength(lead: number): number {
  if ((lead & 0xe0) === 0xc0) return 2;
  if ((lead & 0xf0) === 0xe0) return 3;
  if ((lead & 0xf8) === 0xf0) return 4;
  return 0;
}

function isContinuation(byte: number): boolean {
  return (byte & 0xc0) === 0x80;
}

/** The decoded value of a complete sequence, or -1 when xterm rejects it (overlong, surrogate, BOM, out of range). */
function decodeSequence(bytes: Uint8Array, at: number, length: number): number {
  const b0 = bytes[at] ?? 0;
  if (length === 2) {
    const cp = ((b0 & 0x1f) << 6) | ((bytes[at + 1] ?? 0) & 0x3f);
    return cp < 0x80 ? -1 : cp;
  }
  if (length === 3) {
    const cp = ((b0 & 0x0f) << 12) | (((bytes[at + 1] ?? 0) & 0x3f) << 6) | ((bytes[at + 2] ?? 0) & 0x3f);
    return cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0xfeff ? -1 : cp;
  }
  const cp =
    ((b0 & 0x07) << 18) | (((bytes[at + 1] ?? 0) & 0x3f) << 12) | (((bytes[at + 2] ?? 0) & 0x3f) << 6) | ((bytes[at + 3] ?? 0) & 0x3f);
  return cp < 0x10000 || cp > 0x10ffff ? -1 : cp;
}

function isBom(bytes: Uint8Array, at: number): boolean {
  return bytes[at] === 0xef && bytes[at + 1] === 0xbb && bytes[at + 2] === 0xbf;
}

export class Utf8Decoder {
  private readonly native = new TextDecoder("utf-8");
  private readonly replacement: string;
  /** Bytes of a sequence cut off by the end of the previous chunk. */
  private readonly pending = new Uint8Array(4);
  private pendingLength = 0;

  constructor(invalid: InvalidUtf8 = "replace") {
    this.replacement = invalid === "replace" ? "\uFFFD" : "";
  }

  decode(bytes: Uint8Array): string {
    let start = 0;
    let head = "";
    if (this.pendingLength > 0) {
      [head, start] = this.completePending(bytes);
      if (this.pendingLength > 0) return "";
    }
    let end = bytes.length;
    // Keep an incomplete sequence at the end for the next chunk.
    let lead = end - 1;
    while (lead >= start && lead > end - 4 && isContinuation(bytes[lead] ?? 0)) lead--;
    if (lead >= start && end - lead < sequenceLength(bytes[lead] ?? 0)) {
      this.pending.set(bytes.subarray(lead, end));
      this.pendingLength = end - lead;
      end = lead;
    }
    if (start >= end) return head;
    const body = bytes.subarray(start, end);
    let text = this.native.decode(body);
    if (text.includes("\uFFFD")) text = this.decodeSlowly(body);
    else if (text.includes(BOM)) text = text.replaceAll(BOM, "");
    return head ? head + text : text;
  }

  /** Bytes still waiting for the rest of their sequence become one replacement (xterm drops them). */
  end(): string {
    const had = this.pendingLength > 0;
    this.pendingLength = 0;
    return had ? this.replacement : "";
  }

  /** Feeds the start of `bytes` to the pending sequence: its text, and where decoding resumes. */
  private completePending(bytes: Uint8Array): [string, number] {
    const length = sequenceLength(this.pending[0] ?? 0);
    let i = 0;
    while (this.pendingLength < length) {
      if (i >= bytes.length) return ["", i];
      const byte = bytes[i] ?? 0;
      if (!isContinuation(byte)) {
        this.pendingLength = 0;
        return [this.replacement, i];
      }
      this.pending[this.pendingLength++] = byte;
      i++;
    }
    this.pendingLength = 0;
    if (length === 3 && isBom(this.pending, 0)) return ["", i];
    const cp = decodeSequence(this.pending, 0, length);
    if (cp >= 0) return [String.fromCodePoint(cp), i];
    // xterm re-reads the last byte of a rejected two-byte sequence as a new (invalid) start.
    return [this.replacement, length === 2 ? i - 1 : i];
  }

  /**
   * For a chunk known to hold something invalid: finds each place where xterm's decoder
   * (Utf8ToUtf32.decode) rejects input, and decodes the valid stretches between them natively.
   */
  private decodeSlowly(bytes: Uint8Array): string {
    const n = bytes.length;
    let out = "";
    let stretch = 0;
    let i = 0;
    while (i < n) {
      const b0 = bytes[i] ?? 0;
      if (b0 < 0x80) {
        i++;
        continue;
      }
      const length = sequenceLength(b0);
      let resume = i + 1;
      let insert = this.replacement;
      if (length > 0) {
        let k = 1;
        while (k < length && isContinuation(bytes[i + k] ?? 0)) k++;
        if (k < length) resume = i + k;
        else if (length === 3 && isBom(bytes, i)) {
          resume = i + 3;
          insert = "";
        } else if (decodeSequence(bytes, i, length) >= 0) {
          i += length;
          continue;
        } else if (length > 2) resume = i + length;
      }
      out += this.native.decode(bytes.subarray(stretch, i)) + insert;
      i = stretch = resume;
    }
    return out + this.native.decode(bytes.subarray(stretch, n));
  }
}
