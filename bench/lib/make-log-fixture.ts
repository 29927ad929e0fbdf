// Writes a finished run with a big stored log into a data directory, for bench/log-open.mjs.
// Usage: tsx --conditions=react-server bench/lib/make-log-fixture.ts <dataDir> <lines>
// Prints the run id. Lines look like real CI output: colours, a timestamp, varying length.
import path from "node:path";
import { createDb } from "@/server/db";
import { RunLogStore } from "@/server/logs/run-log-store";

const [dataDir, linesArg] = process.argv.slice(2);
if (!dataDir) throw new Error("usage: make-log-fixture.ts <dataDir> <lines>");
const lines = Number(linesArg ?? 1_000_000);
const db = createDb(path.join(dataDir, "slipway.db"));
const store = new RunLogStore(path.join(dataDir, "logs"), { maxBytesPerRun: 1024 * 1024 * 1024 });

const spec = { taskId: "", name: "log-open", image: "slipway/test:latest", build: null, command: ["true"], env: {}, workingDir: null, timeoutSeconds: 3600, checkouts: [] };
const task = await db.task.create({ data: { name: "log-open", image: spec.image, command: JSON.stringify(spec.command) } });
const started = new Date(Date.now() - 60_000);
const run = await db.run.create({
  data: {
    taskId: task.id,
    number: 1,
    status: "succeeded",
    trigger: "bench",
    spec: JSON.stringify({ ...spec, taskId: task.id }),
    startedAt: started,
    finishedAt: new Date(),
    steps: { create: { position: 0, kind: "task", name: "Run the big log", status: "succeeded", startedAt: started, finishedAt: new Date(), exitCode: 0 } },
  },
});

const words = "compiling linking bundling resolving fetching checking building testing packaging uploading".split(" ");
async function* output() {
  let batch = "";
  for (let i = 1; i <= lines; i++) {
    const level = i % 97 === 0 ? "\x1b[31mERROR\x1b[0m" : i % 13 === 0 ? "\x1b[33mWARN \x1b[0m" : "\x1b[32mINFO \x1b[0m";
    const word = words[i % words.length];
    batch += `\x1b[2m12:00:${String(i % 60).padStart(2, "0")}\x1b[0m ${level} ${word} module ${i} of ${lines} ${"·".repeat(i % 40)} line ${i}\n`;
    if (batch.length > 64 * 1024) {
      yield { stream: "stdout" as const, data: Buffer.from(batch) };
      batch = "";
    }
  }
  if (batch) yield { stream: "stdout" as const, data: Buffer.from(batch) };
}

await store.open(run.id);
const bytes = await store.appendFrom(run.id, output());
await store.close(run.id);
await db.$disconnect();
console.log(JSON.stringify({ runId: run.id, bytes, lines }));
