import type { LogChunk } from "./types";

/**
 * Splits Docker's multiplexed attach/logs stream (8-byte header: stream type, 3 zero bytes,
 * big-endian length) into stdout/stderr chunks. Frames may arrive split across reads.
 */
export async function* demuxDockerStream(source: AsyncIterable<Buffer | string>): AsyncGenerator<LogChunk> {
  let pending: Buffer = Buffer.alloc(0);
  for await (const piece of source) {
    const data = typeof piece === "string" ? Buffer.from(piece) : piece;
    pending = pending.length ? Buffer.concat([pending, data]) : data;
    while (pending.length >= 8) {
      const size = pending.readUInt32BE(4);
      if (pending.length < 8 + size) break;
      const kind = pending[0];
      const payload = pending.subarray(8, 8 + size);
      pending = pending.subarray(8 + size);
      if (size > 0) yield { stream: kind === 2 ? "stderr" : "stdout", data: Buffer.from(payload) };
    }
  }
  if (pending.length > 0) {
    throw new Error(`Docker log stream ended inside a frame (${pending.length} bytes left over)`);
  }
}
