import { describe, expect, it } from "vitest";
import { demuxDockerStream } from "./demux";
import type { LogChunk } from "./types";

/** One frame of Docker's multiplexed stream: 1 = stdout, 2 = stderr. */
function frame(kind: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = kind;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

async function* reads(...pieces: (Buffer | string)[]): AsyncGenerator<Buffer | string> {
  for (const piece of pieces) yield piece;
}

async function collect(source: AsyncIterable<Buffer | string>): Promise<{ stream: LogChunk["stream"]; text: string }[]> {
  const out: { stream: LogChunk["stream"]; text: string }[] = [];
  for await (const chunk of demuxDockerStream(source)) out.push({ stream: chunk.stream, text: chunk.data.toString("utf8") });
  return out;
}

describe("demuxDockerStream", () => {
  it("tells stdout from stderr", async () => {
    const chunks = await collect(reads(Buffer.concat([frame(1, "building\n"), frame(2, "warning: slow\n"), frame(1, "done\n")])));
    expect(chunks).toEqual([
      { stream: "stdout", text: "building\n" },
      { stream: "stderr", text: "warning: slow\n" },
      { stream: "stdout", text: "done\n" },
    ]);
  });

  it("puts frames back together when reads split the header and the payload", async () => {
    const whole = Buffer.concat([frame(1, "hello world\n"), frame(2, "oops\n")]);
    // Split inside the first header (byte 3), inside the first payload (byte 12) and inside the second header (byte 22).
    const chunks = await collect(reads(whole.subarray(0, 3), whole.subarray(3, 12), whole.subarray(12, 22), whole.subarray(22)));
    expect(chunks).toEqual([
      { stream: "stdout", text: "hello world\n" },
      { stream: "stderr", text: "oops\n" },
    ]);
  });

  it("handles one byte per read", async () => {
    const whole = Buffer.concat([frame(2, "é ✓\n"), frame(1, "ok")]);
    const bytes = [...whole].map((b) => Buffer.from([b]));
    const chunks = await collect(reads(...bytes));
    expect(chunks).toEqual([
      { stream: "stderr", text: "é ✓\n" },
      { stream: "stdout", text: "ok" },
    ]);
  });

  it("skips empty frames", async () => {
    const chunks = await collect(reads(Buffer.concat([frame(1, ""), frame(1, "x")])));
    expect(chunks).toEqual([{ stream: "stdout", text: "x" }]);
  });

  it("does not let a later read overwrite an earlier chunk's bytes", async () => {
    const first = frame(1, "first");
    const source = async function* () {
      yield first;
      first.fill(0); // a stream may reuse its buffer
      yield frame(1, "second");
    };
    const chunks = await collect(source());
    expect(chunks.map((c) => c.text)).toEqual(["first", "second"]);
  });

  it("throws when the stream ends inside a frame", async () => {
    const whole = frame(1, "cut short");
    await expect(collect(reads(whole.subarray(0, whole.length - 3)))).rejects.toThrow(/ended inside a frame \(14 bytes left over\)/);
  });

  it("throws when the stream ends inside a header", async () => {
    await expect(collect(reads(frame(1, "ok"), Buffer.from([2, 0, 0])))).rejects.toThrow(/ended inside a frame/);
  });
});
