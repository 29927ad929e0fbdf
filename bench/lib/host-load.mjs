// A bounded HTTP load on a loopback front server, by Host header, run as its own process so that its
// CPU use and event loop stay out of the process being measured. Started with child_process.fork:
//   fork("bench/lib/host-load.mjs", [JSON.stringify({ port, hosts, concurrency, ratePerSecond })])
// Half the workers reuse keep-alive connections, half open a new connection per request; each picks a
// random host and expects 200 with the body "site <first label of the host>\n". A request lost because
// the server closed an idle keep-alive connection under it is resent once (counted as `resent`). The parent sends
// { phase: "<name>" } to attribute the requests started from then on, and { stop: true } to end; the
// answer is { stats: { <phase>: { requests, failures, kinds, firstFailures, p50Ms, p99Ms, maxMs, … } } }.
import http from "node:http";
import { performance } from "node:perf_hooks";
import { percentile } from "./http-load.mjs";
import { sleep } from "./processes.mjs";

const options = JSON.parse(process.argv[2] ?? "{}");
const { port, hosts, concurrency, ratePerSecond } = options;
if (!port || !Array.isArray(hosts) || !hosts.length || !concurrency || !ratePerSecond) throw new Error("host-load: port, hosts, concurrency and ratePerSecond are required");

let phase = "start";
let stopping = false;
const phases = new Map();

function statsOf(name) {
  let stats = phases.get(name);
  if (!stats) {
    stats = { requests: 0, failures: 0, keepAlive: { requests: 0, failures: 0, resent: 0 }, fresh: { requests: 0, failures: 0, resent: 0 }, kinds: {}, firstFailures: [], latencies: [] };
    phases.set(name, stats);
  }
  return stats;
}

function once(host, agent) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: "/", headers: { host }, agent, signal: AbortSignal.timeout(10_000) }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode, body }));
      res.on("error", reject);
    });
    req.on("error", (error) => {
      // The server closed an idle keep-alive connection as this request went out on it (nginx does so
      // to every idle connection of a worker it retires at a reload): not processed, safe to resend.
      error.closedIdle = req.reusedSocket && (error.code === "ECONNRESET" || error.code === "EPIPE");
      reject(error);
    });
    req.end();
  });
}

/** One GET; a request lost on a reused connection the server closed is resent once on a new one, as browsers and Node's docs do. */
async function get(host, agent, kind) {
  try {
    return await once(host, agent);
  } catch (error) {
    if (!error.closedIdle) throw error;
    kind.resent += 1;
    return once(host, false);
  }
}

async function worker(index, keepAlive) {
  const agent = keepAlive ? new http.Agent({ keepAlive: true, maxSockets: 1 }) : false;
  const interval = (1000 * concurrency) / ratePerSecond;
  // Spread the workers' first requests over one interval so they do not arrive in step.
  let nextAt = performance.now() + (interval * index) / concurrency;
  while (!stopping) {
    const wait = nextAt - performance.now();
    if (wait > 0) await sleep(wait);
    if (stopping) break;
    nextAt = Math.max(nextAt + interval, performance.now());
    const host = hosts[Math.floor(Math.random() * hosts.length)];
    const stats = statsOf(phase);
    const kind = keepAlive ? stats.keepAlive : stats.fresh;
    stats.requests += 1;
    kind.requests += 1;
    const started = performance.now();
    let failure = null;
    try {
      const res = await get(host, agent, kind);
      const expected = `site ${host.split(".")[0]}\n`;
      if (res.status !== 200) failure = `HTTP ${res.status}`;
      else if (res.body !== expected) failure = "wrong body";
    } catch (error) {
      failure = error.code ?? error.name ?? "error";
      if (failure === "ECONNRESET" && /hang up/.test(error.message)) failure = "socket hang up";
    }
    stats.latencies.push(performance.now() - started);
    if (failure) {
      stats.failures += 1;
      kind.failures += 1;
      stats.kinds[failure] = (stats.kinds[failure] ?? 0) + 1;
      if (stats.firstFailures.length < 5) stats.firstFailures.push(`${keepAlive ? "keep-alive" : "new connection"} ${host}: ${failure}`);
    }
  }
  if (agent) agent.destroy();
}

const workers = Array.from({ length: concurrency }, (_, i) => worker(i, i % 2 === 0));

process.on("message", (message) => {
  if (typeof message?.phase === "string") phase = message.phase;
  if (message?.stop) {
    stopping = true;
    void Promise.all(workers).then(() => {
      const stats = {};
      for (const [name, s] of phases) {
        s.latencies.sort((a, b) => a - b);
        const { latencies, ...rest } = s;
        stats[name] = { ...rest, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), maxMs: latencies[latencies.length - 1] ?? NaN };
      }
      process.send({ stats }, () => process.exit(0));
    });
  }
});
process.on("disconnect", () => process.exit(0));
process.send({ ready: true });
