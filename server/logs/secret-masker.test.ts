import { describe, expect, it } from "vitest";
import { SecretMasker } from "./secret-masker";

const bytes = (text: string) => Buffer.from(text, "utf8");

/** Feeds `parts` one after another and ends the stream: everything the masker let out. */
function maskParts(secrets: Array<string | Uint8Array>, parts: Uint8Array[]): Buffer {
  const masker = new SecretMasker(secrets);
  const out = parts.map((part) => masker.push(part));
  return Buffer.concat([...out, masker.end()]);
}

/**
 * The obvious, slow definition: find every occurrence of every secret, merge occurrences that
 * overlap, write each merged run as `***`.
 */
function reference(secrets: Uint8Array[], input: Buffer): Buffer {
  const found: Array<[number, number]> = [];
  for (const secret of secrets.filter((s) => s.length > 0)) {
    for (let at = 0; at + secret.length <= input.length; at++) {
      if (input.subarray(at, at + secret.length).equals(secret)) found.push([at, at + secret.length]);
    }
  }
  found.sort((a, b) => a[0] - b[0]);
  const out: Buffer[] = [];
  let cursor = 0;
  let runEnd = -1;
  for (const [start, end] of found) {
    if (start < runEnd) {
      runEnd = Math.max(runEnd, end);
      cursor = runEnd;
      continue;
    }
    out.push(input.subarray(cursor, start), bytes("***"));
    runEnd = end;
    cursor = end;
  }
  out.push(input.subarray(cursor));
  return Buffer.concat(out);
}

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe("SecretMasker", () => {
  it("passes output through untouched when there are no secrets or none occurs", () => {
    expect(maskParts([], [bytes("plain output\n")]).toString()).toBe("plain output\n");
    expect(maskParts(["hunter2"], [bytes("no secret here\n")]).toString()).toBe("no secret here\n");
  });

  it("masks a secret at the start, in the middle, at the end, and the whole input", () => {
    const secrets = ["tok3n"];
    expect(maskParts(secrets, [bytes("tok3n rest")]).toString()).toBe("*** rest");
    expect(maskParts(secrets, [bytes("a tok3n b")]).toString()).toBe("a *** b");
    expect(maskParts(secrets, [bytes("end tok3n")]).toString()).toBe("end ***");
    expect(maskParts(secrets, [bytes("tok3n")]).toString()).toBe("***");
  });

  it("masks a secret split across two writes, at every split point", () => {
    const input = bytes("export TOKEN=ghp_s3cr3tValue; echo ghp_s3cr3tValue done");
    const expected = "export TOKEN=***; echo *** done";
    for (let split = 0; split <= input.length; split++) {
      const out = maskParts(["ghp_s3cr3tValue"], [input.subarray(0, split), input.subarray(split)]);
      expect(out.toString(), `split at ${split}`).toBe(expected);
    }
  });

  it("masks a secret delivered one byte per write", () => {
    const input = bytes("xx password123 yy");
    const parts = [...input].map((b) => Uint8Array.of(b));
    expect(maskParts(["password123"], parts).toString()).toBe("xx *** yy");
  });

  it("masks several secrets, each occurrence", () => {
    const out = maskParts(["alpha", "bravo", "charlie"], [bytes("alpha-bravo-charlie-alpha-delta")]);
    expect(out.toString()).toBe("***-***-***-***-delta");
  });

  it("hides every byte of overlapping secrets under one mask", () => {
    // "abcd" and "cdef" overlap in "abcdef": neither "ef" nor "ab" may survive.
    expect(maskParts(["abcd", "cdef"], [bytes("xxabcdefyy")]).toString()).toBe("xx***yy");
    // One secret inside another.
    expect(maskParts(["abc", "abcdef"], [bytes("-abcdef-abc-")]).toString()).toBe("-***-***-");
    // A secret overlapping itself.
    expect(maskParts(["aa"], [bytes("baaaab")]).toString()).toBe("b***b");
  });

  it("masks back-to-back occurrences each on its own", () => {
    expect(maskParts(["secret"], [bytes("secretsecret")]).toString()).toBe("******");
  });

  it("holds back only a tail that may still become a secret, and releases it on end()", () => {
    const masker = new SecretMasker(["secret"]);
    expect(masker.push(bytes("hello world")).toString()).toBe("hello world");
    expect(masker.pending).toBe(0);
    expect(masker.push(bytes("one sec")).toString()).toBe("one ");
    expect(masker.pending).toBe(3);
    expect(masker.push(bytes("ret!")).toString()).toBe("***!");
    expect(masker.push(bytes("a secre")).toString()).toBe("a ");
    expect(masker.pending).toBe("secre".length); // never more than the secret's length - 1
    expect(masker.end().toString()).toBe("secre");
  });

  it("matches bytes, not text: binary output and secrets that are not UTF-8", () => {
    const secret = Uint8Array.of(0xff, 0x00, 0xfe, 0x80);
    const input = Buffer.from([0x01, 0xff, 0x00, 0xfe, 0x80, 0xc3, 0x28, 0xff, 0x00]);
    for (let split = 0; split <= input.length; split++) {
      const out = maskParts([secret], [input.subarray(0, split), input.subarray(split)]);
      expect(out, `split at ${split}`).toEqual(Buffer.from([0x01, ...bytes("***"), 0xc3, 0x28, 0xff, 0x00]));
    }
  });

  it("masks a UTF-8 secret split inside a multi-byte character", () => {
    const input = bytes("key=pässwörd!");
    for (let split = 0; split <= input.length; split++) {
      const out = maskParts(["pässwörd"], [input.subarray(0, split), input.subarray(split)]);
      expect(out.toString(), `split at ${split}`).toBe("key=***!");
    }
  });

  it("gives the same output however the input is split (random inputs over a small alphabet)", () => {
    const next = random(42);
    const secrets = [bytes("abab"), bytes("bba"), bytes("aaa"), bytes("cab")];
    for (let round = 0; round < 300; round++) {
      const length = 1 + Math.floor(next() * 40);
      const input = Buffer.from(Array.from({ length }, () => "abc".charCodeAt(Math.floor(next() * 3))));
      const expected = reference(secrets, input);
      const cuts = [0, input.length, ...Array.from({ length: Math.floor(next() * 5) }, () => Math.floor(next() * input.length))].sort((a, b) => a - b);
      const parts = cuts.slice(1).map((cut, i) => input.subarray(cuts[i], cut));
      expect(maskParts(secrets, parts).toString(), `input ${input.toString()} cut at ${cuts.join(",")}`).toBe(expected.toString());
    }
  });

  it("ignores empty secrets and duplicates", () => {
    expect(maskParts(["", "x1", "x1"], [bytes("ax1b")]).toString()).toBe("a***b");
  });
});
