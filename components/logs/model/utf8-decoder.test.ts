import { describe, expect, it } from "vitest";
import { Utf8Decoder } from "./utf8-decoder";

const bytes = (...values: number[]) => Uint8Array.from(values);
const utf8 = (text: string) => new TextEncoder().encode(text);

function decodeAll(decoder: Utf8Decoder, chunks: Uint8Array[]): string {
  return chunks.map((chunk) => decoder.decode(chunk)).join("") + decoder.end();
}

describe("Utf8Decoder", () => {
  const sample = utf8("ascii, é, ‰ and 😀 mixed\r\n日本語");

  it("decodes valid text split at every byte position exactly as in one piece", () => {
    for (let cut = 0; cut <= sample.length; cut++) {
      const decoder = new Utf8Decoder();
      expect(decodeAll(decoder, [sample.subarray(0, cut), sample.subarray(cut)])).toBe("ascii, é, ‰ and 😀 mixed\r\n日本語");
    }
  });

  it("decodes text fed one byte at a time", () => {
    const decoder = new Utf8Decoder();
    expect(decodeAll(decoder, Array.from(sample, (b) => bytes(b)))).toBe("ascii, é, ‰ and 😀 mixed\r\n日本語");
  });

  it("shows each byte sequence xterm.js rejects as one U+FFFD", () => {
    const decoder = new Utf8Decoder();
    // lone continuation; lead + ASCII; truncated 3-byte; surrogate; overlong 2-byte (lead and its byte); latin-1 é
    const input = bytes(0x80, 0x41, 0xc3, 0x42, 0xe2, 0x82, 0x43, 0xed, 0xa0, 0x80, 0x44, 0xc0, 0xaf, 0x45, 0xe9, 0x46);
    expect(decoder.decode(input)).toBe("\uFFFDA\uFFFDB\uFFFDC\uFFFDD\uFFFD\uFFFDE\uFFFDF");
  });

  it("drops the same sequences when asked to, which is what xterm.js shows", () => {
    const decoder = new Utf8Decoder("drop");
    expect(decoder.decode(bytes(0x61, 0xff, 0x62, 0xc3, 0x28, 0xf0, 0x9f, 0x98, 0x80, 0xc0, 0xaf))).toBe("ab(😀");
  });

  it("rejects an invalid sequence split across writes the same way", () => {
    for (const invalid of [bytes(0xe2, 0x82, 0x41), bytes(0xc0, 0xaf), bytes(0xed, 0xa0, 0x80), bytes(0xf0, 0x9f, 0x41)]) {
      const whole = new Utf8Decoder().decode(invalid);
      for (let cut = 1; cut < invalid.length; cut++) {
        const decoder = new Utf8Decoder();
        expect(decodeAll(decoder, [invalid.subarray(0, cut), invalid.subarray(cut)])).toBe(whole);
      }
    }
  });

  it("drops byte order marks anywhere, as xterm.js does", () => {
    const decoder = new Utf8Decoder();
    expect(decoder.decode(bytes(0xef, 0xbb, 0xbf, 0x61, 0xef, 0xbb, 0xbf, 0x62, 0xff))).toBe("ab\uFFFD");
    expect(decodeAll(new Utf8Decoder(), [bytes(0x61, 0xef), bytes(0xbb), bytes(0xbf, 0x62)])).toBe("ab");
  });

  it("turns a sequence still incomplete at the end of the log into U+FFFD", () => {
    const decoder = new Utf8Decoder();
    expect(decoder.decode(bytes(0x61, 0xe2, 0x82))).toBe("a");
    expect(decoder.end()).toBe("\uFFFD");
  });

  it("keeps valid text around an invalid byte intact in a large chunk", () => {
    const text = "x".repeat(70_000);
    const input = new Uint8Array(140_001);
    input.set(utf8(text), 0);
    input[70_000] = 0xff;
    input.set(utf8(text), 70_001);
    expect(new Utf8Decoder().decode(input)).toBe(`${text}\uFFFD${text}`);
  });
});
