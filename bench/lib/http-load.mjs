// A small loopback HTTP client for benchmarks: one request, wait-until-ready, and a bounded-concurrency load run.
import http from "node:http";
import { performance } from "node:perf_hooks";
import { sleep } from "./processes.mjs";

/** One request; resolves { status, headers, body } (body as text). */
export function request(url, { method = "GET", headers = {}, body, agent = false, timeoutMs = 10_000 } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent, signal: AbortSignal.timeout(Math.ceil(timeoutMs)) }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: text }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Polls url on fresh connections until it answers 200; resolves the milliseconds since `since`. */
export async function waitFor200(url, { since, timeoutMs, isAlive, intervalMs = 10 }) {
  const deadline = since + timeoutMs;
  while (performance.now() < deadline) {
    if (!isAlive()) throw new Error(`the process exited before ${url} answered 200`);
    try {
      const res = await request(url, { timeoutMs: Math.max(1, deadline - performance.now()) });
      if (res.status === 200) return performance.now() - since;
    } catch {
      // not listening yet
    }
    await sleep(intervalMs);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s`);
}

/** Nearest-rank percentile of sorted numbers. */
export function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * `total` GET requests with at most `concurrency` in flight over keep-alive connections.
 * Every answer must be 200 (and pass `check`, if given), else it rejects.
 * `onTick` runs every 100 ms during the run (used to sample memory).
 */
export async function loadTest(url, { total, concurrency, headers = {}, check, onTick }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies = [];
  const failures = [];
  let next = 0;
  const worker = async () => {
    while (next < total) {
      next += 1;
      const started = performance.now();
      try {
        const res = await request(url, { headers, agent });
        latencies.push(performance.now() - started);
        if (res.status !== 200) failures.push(`HTTP ${res.status}: ${res.body.slice(0, 200)}`);
        else if (check && !check(res)) failures.push(`unexpected answer: ${res.body.slice(0, 200)}`);
      } catch (error) {
        failures.push(error.message);
      }
    }
  };
  const ticker = onTick ? setInterval(onTick, 100) : null;
  const started = performance.now();
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    if (ticker) clearInterval(ticker);
    agent.destroy();
  }
  const elapsedMs = performance.now() - started;
  if (failures.length) throw new Error(`${failures.length} of ${total} calls to ${url} failed; first: ${failures[0]}`);
  latencies.sort((a, b) => a - b);
  return {
    calls: total,
    concurrency,
    elapsedMs,
    perSecond: total / (elapsedMs / 1000),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies[latencies.length - 1],
  };
}
