// A stand-alone run engine process for durability tests: `tsx --conditions=react-server engine-process.ts <dataDir> <network>`.
// It resumes and runs whatever the database holds, like the panel does at start-up, until killed.
import path from "node:path";
import { createDb } from "@/server/db";
import { loadMasterKey } from "@/server/crypto/master-key";
import { dockerPortFor } from "@/server/docker/port";
import { RunLogStore } from "@/server/logs/run-log-store";
import { RunEngine } from "@/server/runs/run-engine";

const [dataDir, network] = process.argv.slice(2);
if (!dataDir) throw new Error("usage: engine-process.ts <dataDir> [network]");
const db = createDb(path.join(dataDir, "slipway.db"));
const store = new RunLogStore(path.join(dataDir, "logs"));
const engine = new RunEngine({ db, docker: dockerPortFor(process.env.DOCKER_HOST), store, masterKey: loadMasterKey(dataDir), network });
await engine.start();
setInterval(() => engine.kick(), 200);
console.log("engine ready");
