/** Set by scripts/serve.mjs from the TCP socket; it overwrites whatever a client sent under that name. */
const PEER_HEADER = "x-slipway-peer";

/**
 * The caller's address: the socket's peer, or with a trusted reverse proxy in front (SLIPWAY_TRUST_PROXY)
 * the first X-Forwarded-For entry. Without our server in front (next dev) the last X-Forwarded-For entry.
 */
export function clientIp(headers: Headers, trustProxy: boolean): string | null {
  const forwarded = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const peer = headers.get(PEER_HEADER) || null;
  const chosen = trustProxy && forwarded.length ? forwarded[0] : (peer ?? forwarded[forwarded.length - 1]);
  return chosen ? chosen.replace(/^::ffff:/, "") : null;
}

/** Whether the browser reached us over HTTPS (directly, or through a trusted proxy that says so). */
export function isSecureRequest(url: string, headers: Headers, trustProxy: boolean): boolean {
  if (url.startsWith("https:")) return true;
  return trustProxy && headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}
