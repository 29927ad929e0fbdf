import { mkdtemp, readdir, readFile, readlink, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { assembleFrontConfig, FrontConfigError, type FrontDocker } from "./assemble-front-config";
import { FrontConfigLock } from "./front-config-lock";
import { ensureFrontStateDir } from "./front-state-dir";
import type { SiteConfigInput } from "./render-site-config";

// A fake front container that "validates" by reading the tree from the shared state dir: any file containing
// "bogus" fails like nginx would, naming the file.
let stateDir = "";
const signals: string[] = [];
const docker: FrontDocker = {
  exec: {
    run: async (_id, request) => {
      const dir = (request.cmd[1] ?? "").replace("/etc/slipway/front", stateDir);
      for (const file of (await readdir(dir)).sort()) {
        if ((await readFile(path.join(dir, file), "utf8")).includes("bogus")) {
          return { exitCode: 1, stdout: "", stderr: `nginx: [emerg] unknown directive "bogus" in ${request.cmd[1]}/${file}:9` };
        }
        if ((await readFile(path.join(dir, file), "utf8")).includes("opaque")) {
          return { exitCode: 1, stdout: "", stderr: "nginx: [emerg] a message naming no site file in /etc/nginx/nginx.conf:1" };
        }
      }
      return { exitCode: 0, stdout: "", stderr: "" };
    },
  },
  containers: { kill: async (_id, signal = "SIGKILL") => void signals.push(signal) },
};
const site = (siteId: string, customSnippet?: string): SiteConfigInput => ({ siteId, name: siteId, domains: [`${siteId}.test`], stack: "static", webRoot: `/srv/sites/${siteId}/current/public`, customSnippet });
const deps = () => ({ docker, lock: new FrontConfigLock(), stateDir, frontContainer: "front" });
const live = (id: string) => readFile(path.join(stateDir, "sites", `${id}.conf`), "utf8");

beforeEach(async () => {
  stateDir = await mkdtemp(path.join(os.tmpdir(), "slipway-front-"));
  await ensureFrontStateDir(stateDir);
  signals.length = 0;
});
afterEach(() => rm(stateDir, { recursive: true, force: true }));

describe("assembleFrontConfig", () => {
  it("publishes nothing and reloads nothing when the configs are the live ones, unless forced", async () => {
    const first = await assembleFrontConfig(deps(), [site("a"), site("b")]);
    const again = await assembleFrontConfig(deps(), [site("a"), site("b")]);
    expect(again).toMatchObject({ generation: first.generation, published: ["a", "b"], unchanged: true, timings: { checks: 0 } });
    expect(signals).toEqual(["SIGHUP"]);
    const changed = await assembleFrontConfig(deps(), [site("a")]);
    expect(changed.unchanged).toBeUndefined();
    const forced = await assembleFrontConfig({ ...deps(), force: true }, [site("a")]);
    expect(forced.generation).not.toBe(changed.generation);
    expect(signals).toEqual(["SIGHUP", "SIGHUP", "SIGHUP"]);
  });

  it("publishes every site through the sites symlink and reloads with HUP", async () => {
    const result = await assembleFrontConfig(deps(), [site("a"), site("b")]);
    expect(result.published).toEqual(["a", "b"]);
    expect(result.quarantined).toEqual([]);
    expect(await readlink(path.join(stateDir, "sites"))).toBe(result.generation);
    expect(await live("b")).toContain("server_name b.test;");
    expect(signals).toEqual(["SIGHUP"]);
  });

  it("quarantines a bad site with nginx's message, keeps its last good config and publishes the others", async () => {
    const d = deps();
    await assembleFrontConfig(d, [site("a"), site("b", "add_header X-B 1;")]);
    const result = await assembleFrontConfig(d, [site("a", "add_header X-A 2;"), site("b", "bogus on;")]);
    expect(result.published).toEqual(["a"]);
    expect(result.quarantined).toEqual([{ siteId: "b", error: expect.stringMatching(/unknown directive "bogus".*b\.conf/) as unknown, servingLastGood: true }]);
    expect(await live("a")).toContain("X-A 2");
    expect(await live("b")).toContain("X-B 1");
  });

  it("leaves out a bad site that never had a good config, and refuses an empty config", async () => {
    const d = deps();
    const result = await assembleFrontConfig(d, [site("a"), site("c", "bogus;")]);
    expect(result.quarantined).toEqual([expect.objectContaining({ siteId: "c", servingLastGood: false })]);
    await expect(live("c")).rejects.toThrow();
    await expect(assembleFrontConfig(d, [site("c", "bogus;")])).rejects.toBeInstanceOf(FrontConfigError);
    expect(await live("a")).toContain("a.test");
  });

  it("finds a bad site by validating sites one at a time when nginx's message names no site file", async () => {
    const result = await assembleFrontConfig(deps(), [site("a"), site("b"), site("e", "opaque;")]);
    expect(result.published).toEqual(["a", "b"]);
    expect(result.quarantined).toEqual([expect.objectContaining({ siteId: "e", error: expect.stringMatching(/naming no site file/) as unknown })]);
    expect((await readdir(stateDir)).filter((entry) => entry.startsWith("check-"))).toEqual([]);
  });

  it("quarantines a site whose data is invalid without asking nginx", async () => {
    const result = await assembleFrontConfig(deps(), [site("a"), { ...site("d"), domains: ["d.test;"] }]);
    expect(result.quarantined).toEqual([expect.objectContaining({ siteId: "d", error: expect.stringMatching(/invalid domain/) as unknown })]);
  });
});
