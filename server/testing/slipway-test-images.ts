import path from "node:path";
import type { DockerPort } from "@/server/docker/port";
import { DEFAULT_BASE_IMAGE, LOCAL_BASE_IMAGE } from "@/server/images/base-image";
import { ensureImage } from "@/server/images/ensure-image";
import { slipwayImages } from "@/server/images/slipway-images";

const REPO_ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * Builds the named Slipway images unless current (ensureImage compares the context hash), on the base the
 * set-up picks without configuration: debian:bookworm-slim when present, else slipway/debian:bookworm.
 */
export async function ensureSlipwayTestImages(docker: DockerPort, tags: string[]): Promise<void> {
  const useLocal = !(await docker.images.exists(DEFAULT_BASE_IMAGE)) && (await docker.images.exists(LOCAL_BASE_IMAGE));
  const images = await slipwayImages(REPO_ROOT, useLocal ? LOCAL_BASE_IMAGE : DEFAULT_BASE_IMAGE);
  for (const tag of tags) {
    const build = images.find((image) => image.tag === tag);
    if (!build) throw new Error(`${tag} is not among Slipway's images`);
    const started = Date.now();
    if ((await ensureImage(docker, build)).built) console.log(`[test images] built ${tag} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
