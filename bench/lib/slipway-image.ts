// Any of Slipway's images for benchmarks (as front-image.ts does for the front): built, as ./slipway setup
// does, unless the engine has it from the current images/<name>/ for a base image present there.
import type { DockerPort } from "@/server/docker/port";
import { DEFAULT_BASE_IMAGE, LOCAL_BASE_IMAGE } from "@/server/images/base-image";
import { contextHash } from "@/server/images/build-context";
import { CONTEXT_HASH_LABEL, ensureImage } from "@/server/images/ensure-image";
import { slipwayImages } from "@/server/images/slipway-images";

/** Resolves a note saying whether the image was built or found up to date. */
export async function ensureSlipwayImage(docker: DockerPort, repoRoot: string, tag: string, step: (message: string) => void): Promise<string> {
  const bases: string[] = [];
  for (const base of [LOCAL_BASE_IMAGE, DEFAULT_BASE_IMAGE]) if (await docker.images.exists(base)) bases.push(base);
  if (!bases.length) throw new Error(`neither ${LOCAL_BASE_IMAGE} nor ${DEFAULT_BASE_IMAGE} is on this engine: run ./slipway setup first`);
  const builds = (await Promise.all(bases.map((base) => slipwayImages(repoRoot, base)))).map((images) => images.find((image) => image.tag === tag));
  const existing = await docker.images.inspect(tag);
  for (const build of builds) {
    if (build && existing?.labels[CONTEXT_HASH_LABEL] === (await contextHash(build.files, build.buildArgs))) return `${tag} is up to date: not rebuilt`;
  }
  const build = builds[0];
  if (!build) throw new Error(`${tag} is not among Slipway's images`);
  step(`${tag} is missing or older than its images/ folder: building it on ${build.buildArgs?.BASE_IMAGE ?? "?"}`);
  const started = Date.now();
  await ensureImage(docker, build);
  return `built ${tag} in ${((Date.now() - started) / 1000).toFixed(1)} s`;
}
