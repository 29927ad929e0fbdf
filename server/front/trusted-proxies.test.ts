import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ensureFrontStateDir } from "./front-state-dir";
import { parseTrustedProxy, renderTrustedProxies, writeTrustedProxies } from "./trusted-proxies";

let stateDir = "";
beforeEach(async () => {
  stateDir = await mkdtemp(path.join(os.tmpdir(), "slipway-trusted-"));
});
afterEach(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

describe("trusted proxies", () => {
  it("accepts IPv4 and IPv6 addresses and ranges, normalised", () => {
    expect(parseTrustedProxy(" 203.0.113.7 ")).toBe("203.0.113.7");
    expect(parseTrustedProxy("10.0.0.0/8")).toBe("10.0.0.0/8");
    expect(parseTrustedProxy("2001:DB8::/032")).toBe("2001:db8::/32");
    expect(parseTrustedProxy("::1")).toBe("::1");
  });

  it("rejects anything that is not an address or CIDR, so no entry can smuggle in an nginx directive", () => {
    for (const bad of ["", "example.com", "10.0.0.0/33", "::/129", "10.0.0.1/8/8", "1.2.3.4; include /etc/passwd", "1.2.3.4/", "fe80::1%eth0", "unix:", "300.1.1.1"]) {
      expect(() => parseTrustedProxy(bad), bad).toThrow(/is not an IP address or CIDR range/);
    }
  });

  it("renders one set_real_ip_from line per distinct entry, and an empty file for none", () => {
    expect(renderTrustedProxies(["10.0.0.0/8", "192.0.2.1", "10.0.0.0/8"])).toBe(
      "# Written by Slipway: X-Forwarded-For is believed only from these peers.\nset_real_ip_from 10.0.0.0/8;\nset_real_ip_from 192.0.2.1;\n",
    );
    expect(renderTrustedProxies([])).toBe("");
  });

  it("writes the file nginx includes, reports whether it changed, and leaves no temporary file", async () => {
    await ensureFrontStateDir(stateDir);
    const file = path.join(stateDir, "trusted-proxies.conf");
    // ensureFrontStateDir made it empty: no proxies is no change (no needless reload).
    expect(await writeTrustedProxies(stateDir, [])).toBe(false);
    expect(await writeTrustedProxies(stateDir, ["172.16.0.0/12"])).toBe(true);
    expect(await readFile(file, "utf8")).toContain("set_real_ip_from 172.16.0.0/12;\n");
    expect(await writeTrustedProxies(stateDir, ["172.16.0.0/12"])).toBe(false);
    expect(await writeTrustedProxies(stateDir, [])).toBe(true);
    expect(await readFile(file, "utf8")).toBe("");
    expect((await readdir(stateDir)).filter((name) => name.includes("tmp"))).toEqual([]);
    expect((await stat(file)).mode & 0o777).toBe(0o644);
  });

  it("keeps the old file when an entry is invalid", async () => {
    await writeTrustedProxies(stateDir, ["192.0.2.0/24"]);
    await expect(writeTrustedProxies(stateDir, ["192.0.2.0/24", "nope"])).rejects.toThrow(/"nope" is not an IP address/);
    expect(await readFile(path.join(stateDir, "trusted-proxies.conf"), "utf8")).toContain("192.0.2.0/24");
  });
});
