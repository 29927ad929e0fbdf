import "server-only";
import http from "node:http";
import type { FrontAddress } from "../site-runtime";

export interface ProbeResult {
  ok: boolean;
  status: number | null;
  /** What went wrong, for people: the status and the start of the body, or the connection error. */
  summary: string;
}

/** One GET through the front server (on the host's loopback, or its bind address) with the site's Host header. */
export function probeOnce(front: FrontAddress, host: string, urlPath: string, timeoutMs = 5_000): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const req = http.get({ host: front.host, port: front.port, path: urlPath, headers: { host, "user-agent": "slipway-health-check" }, timeout: timeoutMs, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        if (size < 300) chunks.push(chunk);
        size += chunk.length;
      });
      res.on("end", () => {
        const status = res.statusCode ?? 0;
        const body = Buffer.concat(chunks).toString("utf8").replace(/\s+/g, " ").trim().slice(0, 200);
        resolve({ ok: status >= 200 && status < 400, status, summary: `HTTP ${status}${body ? `: ${body}` : ""}` });
      });
      res.on("error", (error) => resolve({ ok: false, status: null, summary: error.message }));
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", (error) => resolve({ ok: false, status: null, summary: error.message }));
  });
}

/**
 * Probes until the site answers 2xx/3xx or the deadline passes. Gateway errors and refused connections
 * are retried (a sidecar may still be starting); the app's own error answer three times in a row is final.
 * Returns the last result and the number of attempts.
 */
export async function probeUntil(front: FrontAddress, host: string, urlPath: string, deadlineMs: number, signal?: AbortSignal): Promise<ProbeResult & { attempts: number }> {
  const end = Date.now() + deadlineMs;
  let attempts = 0;
  let appErrors = 0;
  for (;;) {
    attempts++;
    const result = await probeOnce(front, host, urlPath, Math.min(5_000, Math.max(500, end - Date.now())));
    appErrors = result.status !== null && ![502, 503, 504].includes(result.status) ? appErrors + 1 : 0;
    if (result.ok || appErrors >= 3 || Date.now() >= end || signal?.aborted) return { ...result, attempts };
    await new Promise((r) => setTimeout(r, Math.min(250 * attempts, 1_000)));
  }
}
