/**
 * Test fixture, run as a child process: reopens a run's log and appends numbered lines as fast as it
 * can, printing how many lines are acknowledged after each batch, until it is killed.
 * Usage: tsx --conditions=react-server append-until-killed.ts <logs root> <run id> [segment bytes]
 */
import { RunLogStore } from "../run-log-store";
import { COUNTER_LINE_BYTES, counterLine, counterStream as streamOf } from "./log-test-kit";

const [root, runId, segmentBytes] = process.argv.slice(2);
if (!root || !runId) throw new Error("usage: append-until-killed <logs root> <run id> [segment bytes]");

const store = new RunLogStore(root, segmentBytes ? { maxBytesPerRun: 64 * Number(segmentBytes), headBytes: 8 * Number(segmentBytes), segmentBytes: Number(segmentBytes) } : {});
const { size } = await store.open(runId);
let next = Math.floor(size / COUNTER_LINE_BYTES);
// A crash may have stored part of a batch, ending inside a line: finish that line first.
if (size % COUNTER_LINE_BYTES) await store.append(runId, streamOf(next), counterLine(next++).slice(size % COUNTER_LINE_BYTES));
for (;;) {
  const batch: Array<Promise<void>> = [];
  for (let i = 0; i < 64; i++, next++) batch.push(store.append(runId, streamOf(next), counterLine(next)));
  await Promise.all(batch);
  process.stdout.write(`${next}\n`);
}
