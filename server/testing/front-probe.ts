import http from "node:http";
import https from "node:https";
import type { TLSSocket } from "node:tls";

/** One HTTP(S) request to a front server published on 127.0.0.1, by Host header (and SNI over TLS). */
export interface FrontRequest {
  port: number;
  host: string;
  path?: string;
  tls?: boolean;
  headers?: Record<string, string>;
}

export interface FrontReply {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
  /** The certificate the server presented (TLS only). */
  certificate?: { fingerprint256: string; subject: string; issuer: string };
}

export function frontRequest({ port, host, path = "/", tls = false, headers = {} }: FrontRequest): Promise<FrontReply> {
  return new Promise((resolve, reject) => {
    const common = { host: "127.0.0.1", port, path, headers: { ...headers, host }, agent: false, timeout: 10_000 };
    const req = tls ? https.request({ ...common, servername: host, rejectUnauthorized: false }) : http.request(common);
    req.on("response", (res) => {
      const cert = tls ? (res.socket as TLSSocket).getPeerCertificate() : undefined;
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const certificate = cert ? { fingerprint256: cert.fingerprint256, subject: JSON.stringify(cert.subject), issuer: JSON.stringify(cert.issuer) } : undefined;
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), headers: res.headers, certificate });
      });
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`no answer from ${host}${path} in 10 s`)));
    req.on("error", reject);
    req.end();
  });
}

/** Repeats the request until `done` accepts the reply: starts and reloads take effect a moment later. */
export async function waitForFrontReply(request: FrontRequest, done: (reply: FrontReply) => boolean, timeoutMs = 20_000): Promise<FrontReply> {
  const deadline = Date.now() + timeoutMs;
  let last = "no attempt";
  while (Date.now() < deadline) {
    const reply = await frontRequest(request).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    if (!(reply instanceof Error) && done(reply)) return reply;
    last = reply instanceof Error ? reply.message : `${reply.status} ${reply.body.slice(0, 200)}`;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${request.host}${request.path ?? "/"} never answered as expected; last: ${last}`);
}
