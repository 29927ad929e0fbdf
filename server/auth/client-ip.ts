/**
 * The caller's address. `next start` appends the socket's address to X-Forwarded-For, so the last
 * entry is the real peer; with a trusted reverse proxy in front, the first entry is the client.
 */
export function clientIp(headers: Headers, trustProxy: boolean): string | null {
  const forwarded = headers.get("x-forwarded-for");
  if (forwarded) {
    const entries = forwarded.split(",").map((s) => s.trim()).filter(Boolean);
    const chosen = trustProxy ? entries[0] : entries[entries.length - 1];
    if (chosen) return chosen.replace(/^::ffff:/, "");
  }
  return headers.get("x-real-ip");
}

/** Whether the browser reached us over HTTPS (directly, or through a proxy that says so). */
export function isSecureRequest(url: string, headers: Headers, trustProxy: boolean): boolean {
  if (url.startsWith("https:")) return true;
  return trustProxy && headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}
