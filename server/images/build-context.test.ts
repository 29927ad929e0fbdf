import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { contextHash, filesUnder, type ContextFile } from "./build-context";

let dir: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "slipway-context-"));
  await fs.writeFile(path.join(dir, "Dockerfile"), "FROM scratch\nCOPY app /app\n");
  await fs.mkdir(path.join(dir, "conf"));
  await fs.writeFile(path.join(dir, "conf", "app.conf"), "listen 80\n");
  await fs.chmod(path.join(dir, "Dockerfile"), 0o644);
  await fs.chmod(path.join(dir, "conf", "app.conf"), 0o644);
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("filesUnder", () => {
  it("lists every regular file, named relative to the directory with forward slashes, sorted", async () => {
    expect(await filesUnder(dir)).toEqual([
      { name: "conf/app.conf", source: path.join(dir, "conf", "app.conf") },
      { name: "Dockerfile", source: path.join(dir, "Dockerfile") },
    ]);
  });
});

describe("contextHash", () => {
  it("is a stable sha256 for the same files", async () => {
    const files = await filesUnder(dir);
    const first = await contextHash(files);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(await contextHash(files)).toBe(first);
  });

  it("does not depend on the order files or build args are given in", async () => {
    const files = await filesUnder(dir);
    const args = { BASE_IMAGE: "debian:bookworm-slim", VERSION: "1" };
    expect(await contextHash([...files].reverse(), { VERSION: "1", BASE_IMAGE: "debian:bookworm-slim" })).toBe(await contextHash(files, args));
  });

  it("changes when a file's content changes", async () => {
    const files = await filesUnder(dir);
    const before = await contextHash(files);
    await fs.writeFile(path.join(dir, "conf", "app.conf"), "listen 8080\n");
    expect(await contextHash(files)).not.toBe(before);
  });

  it("changes when a file's mode changes (an entrypoint made executable)", async () => {
    const files = await filesUnder(dir);
    const before = await contextHash(files);
    await fs.chmod(path.join(dir, "conf", "app.conf"), 0o755);
    expect(await contextHash(files)).not.toBe(before);
  });

  it("uses an explicit mode instead of the file's own", async () => {
    const files = await filesUnder(dir);
    const withMode = (mode: number): ContextFile[] => files.map((f) => (f.name === "Dockerfile" ? { ...f, mode } : f));
    expect(await contextHash(withMode(0o644))).toBe(await contextHash(files));
    expect(await contextHash(withMode(0o755))).not.toBe(await contextHash(files));
  });

  it("changes when a file is renamed, added or removed", async () => {
    const files = await filesUnder(dir);
    const before = await contextHash(files);
    expect(await contextHash(files.map((f) => (f.name === "conf/app.conf" ? { ...f, name: "conf/other.conf" } : f)))).not.toBe(before);
    expect(await contextHash(files.slice(1))).not.toBe(before);
    await fs.writeFile(path.join(dir, "extra.txt"), "");
    expect(await contextHash(await filesUnder(dir))).not.toBe(before);
  });

  it("changes when a build argument is added or its value changes", async () => {
    const files = await filesUnder(dir);
    const none = await contextHash(files);
    const bookworm = await contextHash(files, { BASE_IMAGE: "debian:bookworm-slim" });
    const trixie = await contextHash(files, { BASE_IMAGE: "debian:trixie-slim" });
    expect(new Set([none, bookworm, trixie]).size).toBe(3);
  });

  it("does not confuse where one file ends and the next begins", async () => {
    await fs.writeFile(path.join(dir, "a"), "xy");
    await fs.writeFile(path.join(dir, "b"), "z");
    const split1 = await contextHash([{ name: "a", source: path.join(dir, "a"), mode: 0o644 }, { name: "b", source: path.join(dir, "b"), mode: 0o644 }]);
    await fs.writeFile(path.join(dir, "a"), "x");
    await fs.writeFile(path.join(dir, "b"), "yz");
    const split2 = await contextHash([{ name: "a", source: path.join(dir, "a"), mode: 0o644 }, { name: "b", source: path.join(dir, "b"), mode: 0o644 }]);
    expect(split1).not.toBe(split2);
  });
});
