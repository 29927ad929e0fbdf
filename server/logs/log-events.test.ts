import { isTrackedEnvelope } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { offsetOfEventId, runLogEvents, type LogEvent, type LogFollower } from "./log-events";
import type { LogChunk } from "./types";

/** A finished log held in memory, served the way the store serves it: from any offset on. */
function fakeLog(pieces: Array<[LogChunk["stream"], Uint8Array]>): LogFollower & { bytes: Buffer } {
  const chunks: LogChunk[] = [];
  let offset = 0;
  for (const [stream, data] of pieces) {
    chunks.push({ offset, end: offset + data.length, stream, time: 1000 + offset, data });
    offset += data.length;
  }
  return {
    bytes: Buffer.concat(chunks.map((chunk) => chunk.data)),
    async *follow(_runId, from) {
      for (const chunk of chunks) {
        if (chunk.end <= from) continue;
        const skip = Math.max(0, from - chunk.offset);
        yield { ...chunk, offset: chunk.offset + skip, data: chunk.data.subarray(skip) };
      }
    },
  };
}

async function take(events: AsyncGenerator<unknown>, count: number): Promise<Array<[string, LogEvent]>> {
  const got: Array<[string, LogEvent]> = [];
  for await (const event of events) {
    if (!isTrackedEnvelope<LogEvent>(event)) throw new Error("not a tracked event");
    got.push([event[0], event[1]]);
    if (got.length === count) break; // the client goes away (the generator is returned)
  }
  return got;
}

const decode = (events: Array<[string, LogEvent]>) => Buffer.concat(events.map(([, event]) => Buffer.from(event.data, "base64")));

describe("runLogEvents", () => {
  const log = fakeLog([
    ["stdout", Buffer.from("first line\n")],
    ["stderr", Uint8Array.of(0xff, 0xfe, 0x00, 0x1b, 0x5b)], // not UTF-8: base64 keeps it intact
    ["stdout", Buffer.from("\x1b[32mgreen\x1b[0m\n")],
    ["system", Buffer.from("exit 0\n")],
  ]);

  it("sends each chunk as base64, tracked by the offset to resume from", async () => {
    const events = await take(runLogEvents(log, "run1"), 100);
    expect(events.map(([id]) => id)).toEqual(["11", "16", "31", "38"]);
    expect(events[1]![1]).toEqual({ offset: 11, end: 16, stream: "stderr", time: 1011, data: Buffer.from([0xff, 0xfe, 0x00, 0x1b, 0x5b]).toString("base64"), cut: false });
    expect(decode(events).equals(log.bytes)).toBe(true);
  });

  it("resumes a reconnecting client right after its last event: no gap, no duplicate", async () => {
    const before = await take(runLogEvents(log, "run1"), 2);
    const lastEventId = before.at(-1)![0];
    const after = await take(runLogEvents(log, "run1", { lastEventId, fromOffset: 0 }), 100);
    expect(after[0]![1].offset).toBe(Number(lastEventId));
    expect(decode([...before, ...after]).equals(log.bytes)).toBe(true);
  });

  it("starts a first connection where asked", async () => {
    const events = await take(runLogEvents(log, "run1", { fromOffset: 6 }), 100);
    expect(decode(events).equals(log.bytes.subarray(6))).toBe(true);
  });

  it("refuses an event id that is not an offset", () => {
    expect(offsetOfEventId("1234")).toBe(1234);
    for (const id of ["", "-1", "1e3", "12a", "99999999999999999"]) expect(() => offsetOfEventId(id)).toThrow(/Not a log event id/);
  });
});
