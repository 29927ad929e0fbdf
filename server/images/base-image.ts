import "server-only";
import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { DockerPort } from "@/server/docker/port";
import { runCommand } from "./run-command";

/** What a machine with a registry uses as the base of Slipway's Debian images. */
export const DEFAULT_BASE_IMAGE = "debian:bookworm-slim";
/** The equivalent built from Debian's packages when no registry is reachable. */
export const LOCAL_BASE_IMAGE = "slipway/debian:bookworm";

type Log = (line: string) => void;

/**
 * The base image for Slipway's Dockerfiles: the configured one, else debian:bookworm-slim if present or
 * pullable, else a minimal Debian root filesystem made with debootstrap and imported into the engine.
 */
export async function ensureBaseImage(docker: DockerPort, options: { configured?: string; mirror: string; log: Log }): Promise<string> {
  const wanted = options.configured ?? DEFAULT_BASE_IMAGE;
  if (await docker.images.exists(wanted)) return wanted;
  // Built offline earlier: keep using it rather than asking a registry on every start.
  if (!options.configured && (await docker.images.exists(LOCAL_BASE_IMAGE))) return LOCAL_BASE_IMAGE;
  try {
    options.log(`pulling ${wanted}`);
    await docker.images.pull(wanted);
    return wanted;
  } catch (error) {
    if (options.configured) throw error;
    options.log(`cannot pull ${wanted} (${error instanceof Error ? error.message : String(error)}); using a Debian base built from packages`);
  }
  await buildDebianBase(docker, LOCAL_BASE_IMAGE, options.mirror, options.log);
  return LOCAL_BASE_IMAGE;
}

async function buildDebianBase(docker: DockerPort, tag: string, mirror: string, log: Log): Promise<void> {
  if (!(await commandExists("debootstrap"))) {
    log("installing debootstrap (apt-get)");
    await runCommand("apt-get", ["install", "-y", "--no-install-recommends", "debootstrap"], { onOutput: () => undefined });
  }
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "slipway-rootfs-"));
  try {
    log(`debootstrap --variant=minbase bookworm (${mirror}), about a minute`);
    await runCommand("debootstrap", ["--variant=minbase", "bookworm", root, mirror]);
    // Keep the image small: package caches are not needed at run time.
    await Promise.all(
      ["var/cache/apt/archives", "var/lib/apt/lists"].map(async (dir) => {
        for (const entry of await fs.readdir(path.join(root, dir)).catch(() => [])) {
          if (entry.endsWith(".deb") || dir.endsWith("lists")) await fs.rm(path.join(root, dir, entry), { recursive: true, force: true });
        }
      }),
    );
    log(`importing the root filesystem as ${tag}`);
    const tar = spawn("tar", ["-C", root, "--numeric-owner", "-c", "."], { stdio: ["ignore", "pipe", "inherit"] });
    const exited = new Promise<number | null>((resolve) => tar.on("close", resolve));
    await docker.images.importRootfs(tar.stdout, tag);
    if ((await exited) !== 0) throw new Error("tar of the Debian root filesystem failed");
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}

async function commandExists(name: string): Promise<boolean> {
  for (const dir of (process.env.PATH ?? "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
    if (await fs.access(path.join(dir, name)).then(() => true, () => false)) return true;
  }
  return false;
}
