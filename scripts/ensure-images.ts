// Builds Slipway's own images when missing or changed: `tsx --conditions=react-server scripts/ensure-images.ts [--force]`.
import path from "node:path";
import { dockerPortFor } from "@/server/docker/port";
import { env } from "@/server/env";
import { ensureBaseImage } from "@/server/images/base-image";
import { ensureImage } from "@/server/images/ensure-image";
import { slipwayImages } from "@/server/images/slipway-images";

const force = process.argv.includes("--force");
const log = (line: string) => console.log(`[images] ${line}`);

async function main() {
  const docker = dockerPortFor(env.DOCKER_HOST);
  const base = await ensureBaseImage(docker, { configured: env.SLIPWAY_BASE_IMAGE, mirror: env.SLIPWAY_DEBIAN_MIRROR, log });
  for (const image of await slipwayImages(path.resolve(import.meta.dirname, ".."), base)) {
    const started = Date.now();
    const result = await ensureImage(docker, image, { force, onOutput: (line) => process.stdout.write(`  ${image.name} | ${line}\n`) });
    log(`${image.tag}: ${result.built ? `built in ${((Date.now() - started) / 1000).toFixed(1)} s` : "up to date"}`);
  }
}

main().catch((error: unknown) => {
  console.error(`[images] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
