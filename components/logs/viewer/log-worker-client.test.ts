// The real worker module (log.worker.ts) and the client, joined by an in-process port that, like a
// Worker, delivers messages asynchronously, in order and as structured clones.

import { afterEach, describe, expect, it, vi } from "vitest";
import { LogWorkerClient, type LogEventLike, type WorkerPort } from "./log-worker-client";
import type { FromWorker, ToWorker } from "./worker-protocol";

interface WorkerGlobals {
  onmessage?: ((event: { data: ToWorker }) => void) | null;
  postMessage?: (message: FromWorker) => void;
}
const globals = globalThis as WorkerGlobals;

async function startClient(): Promise<LogWorkerClient> {
  vi.resetModules();
  const port: WorkerPort = {
    onmessage: null,
    postMessage: (message) => setTimeout(() => globals.onmessage?.({ data: structuredClone(message) })),
    terminate: () => {},
  };
  globals.postMessage = (message) => setTimeout(() => port.onmessage?.({ data: structuredClone(message) } as MessageEvent<FromWorker>));
  await import("./log.worker");
  return new LogWorkerClient(port);
}

afterEach(() => {
  delete globals.onmessage;
  delete globals.postMessage;
});

let offset = 0;
function event(text: string, stream: LogEventLike["stream"] = "stdout"): LogEventLike {
  const data = Buffer.from(text);
  const e = { offset, end: offset + data.length, stream, time: 1_700_000_000_000 + offset, data: data.toString("base64"), cut: false };
  offset = e.end;
  return e;
}

async function linesOf(client: LogWorkerClient): Promise<string[]> {
  const { lineCount } = client.getSnapshot();
  await vi.waitFor(() => {
    client.ensure([[0, lineCount]]);
    for (let i = 0; i < lineCount; i++) expect(client.line(i)).toBeDefined();
  });
  return Array.from({ length: lineCount }, (_, i) => client.line(i)?.text ?? "");
}

describe("log worker and client", () => {
  it("feeds each byte once, even when events are replayed, and serves the lines asked for", async () => {
    offset = 0;
    const client = await startClient();
    const events = [event("::group::Task\n", "system"), event("\x1b[32mstep 1\x1b[0m\n"), event("step 2\n")];
    for (const e of [...events, events[1]!, events[2]!]) client.feed(e);
    await vi.waitFor(() => expect(client.getSnapshot().lineCount).toBe(3));
    expect(await linesOf(client)).toEqual(["::group::Task", "step 1", "step 2"]);
    expect(client.getSnapshot().groups).toEqual([expect.objectContaining({ start: 0, end: null, name: "Task" })]);
    expect(client.line(1)?.spans[0]).toMatchObject({ fg: 2 });
  });

  it("asks again for a line that changed after it was served", async () => {
    offset = 0;
    const client = await startClient();
    client.feed(event("[#   ] 25%"));
    await vi.waitFor(() => expect(client.getSnapshot().lineCount).toBe(1));
    expect(await linesOf(client)).toEqual(["[#   ] 25%"]);
    client.feed(event("\r[####] 100%\n"));
    client.end();
    await vi.waitFor(() => expect(client.getSnapshot().ended).toBe(true));
    // The line held went stale with the change notice; asking for the lines in view fetches it anew.
    await vi.waitFor(async () => expect(await linesOf(client)).toEqual(["[####] 100%"]));
  });

  it("counts search matches over every line, live, and copies the log as text", async () => {
    offset = 0;
    const client = await startClient();
    for (let i = 1; i <= 40; i++) client.feed(event(`count ${i}\n`));
    client.search("count ");
    await vi.waitFor(() => expect(client.getSnapshot().search).toMatchObject({ query: "count ", done: true }));
    await vi.waitFor(() => expect(client.getSnapshot().search.matches.length).toBe(40));
    client.feed(event("count 41\nnothing\n"));
    await vi.waitFor(() => expect(client.getSnapshot().search.matches.length).toBe(41));
    expect(Array.from(client.getSnapshot().search.matches.slice(-2))).toEqual([39, 40]);
    const text = await client.plainText();
    expect(text.split("\n").slice(0, 2)).toEqual(["count 1", "count 2"]);
    expect(text.endsWith("count 41\nnothing\n")).toBe(true);
  });
});
