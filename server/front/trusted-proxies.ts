import "server-only";
import { isIPv4, isIPv6 } from "node:net";
import path from "node:path";
import { AppError } from "@/server/errors";
import { writeFileIfChanged } from "./write-file-if-changed";

/** Included by the front's nginx.conf (http block): the peers whose X-Forwarded-For it believes. */
export const TRUSTED_PROXIES_FILE = "trusted-proxies.conf";

/**
 * Normalises one address or CIDR ("203.0.113.7", "10.0.0.0/8", "2001:db8::/32"); throws BAD_INPUT otherwise.
 * Only these shapes reach nginx's config, so an entry can never add a directive of its own.
 */
export function parseTrustedProxy(entry: string): string {
  const value = entry.trim();
  const [address = "", prefix, ...extra] = value.split("/");
  // Zone ids (fe80::1%eth0) pass isIPv6 but mean nothing to nginx: plain hex, dots and colons only.
  const bits = isIPv4(address) ? 32 : isIPv6(address) && /^[0-9a-f:.]+$/i.test(address) ? 128 : 0;
  const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits);
  if (bits === 0 || !prefixOk || extra.length > 0) {
    throw new AppError("BAD_INPUT", `"${entry}" is not an IP address or CIDR range (like 203.0.113.7, 10.0.0.0/8 or 2001:db8::/32).`);
  }
  return prefix === undefined ? address.toLowerCase() : `${address.toLowerCase()}/${Number(prefix)}`;
}

export function renderTrustedProxies(entries: readonly string[]): string {
  const proxies = [...new Set(entries.map(parseTrustedProxy))];
  // No entries: an empty file, as the front's entrypoint makes it (nobody is trusted).
  if (proxies.length === 0) return "";
  return ["# Written by Slipway: X-Forwarded-For is believed only from these peers.", ...proxies.map((p) => `set_real_ip_from ${p};`), ""].join("\n");
}

/** Writes the trusted proxies into the front state dir; true when the file changed (then the front needs a reload). */
export async function writeTrustedProxies(stateDir: string, entries: readonly string[]): Promise<boolean> {
  return writeFileIfChanged(path.join(stateDir, TRUSTED_PROXIES_FILE), renderTrustedProxies(entries));
}
