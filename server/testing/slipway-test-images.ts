import path from "node:path";
import type { DockerPort } from "@/server/docker/port";
import { DEFAULT_BASE_IMAGE, LOCAL_BASE_IMAGE } from "@/server/images/base-image";
import { contextHash } from "@/server/images/build-context";
import { CONTEXT_HASH_LABEL, ensureImage } from "@/server/images/ensure-image";
import { slipwayImages } from "@/server/images/slipway-images";

const REPO_ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * For tests and benchmarks: builds the named Slipway images unless the engine has each from its current
 * images/<name>/ for a base image present there (whichever base the set-up used). Returns a note per image.
 */
export async function ensureSlipwayTestImages(docker: DockerPort, tags: string[], log: (line: string) => void = (line) => console.log(`[test images] ${line}`)): Promise<string[]> {
  const bases: string[] = [];
  for (const base of [LOCAL_BASE_IMAGE, DEFAULT_BASE_IMAGE]) if (await docker.images.exists(base)) bases.push(base);
  const candidates = await Promise.all((bases.length ? bases : [DEFAULT_BASE_IMAGE]).map((base) => slipwayImages(REPO_ROOT, base)));
  const notes: string[] = [];
  for (const tag of tags) {
    const builds = candidates.map((images) => images.find((image) => image.tag === tag)).filter((build) => build !== undefined);
    const [build] = builds;
    if (!build) throw new Error(`${tag} is not among Slipway's images`);
    const existing = await docker.images.inspect(tag);
    const hashes = await Promise.all(builds.map((b) => contextHash(b.files, b.buildArgs)));
    if (existing && hashes.includes(existing.labels[CONTEXT_HASH_LABEL] ?? "")) {
      notes.push(`${tag} is up to date: not rebuilt`);
      continue;
    }
    const started = Date.now();
    await ensureImage(docker, build);
    notes.push(`built ${tag} on ${build.buildArgs?.BASE_IMAGE ?? "?"} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    log(notes[notes.length - 1] ?? "");
  }
  return notes;
}
