import "server-only";
import path from "node:path";
import { filesUnder, type ContextFile } from "./build-context";
import type { ImageBuild } from "./ensure-image";

export const CHECKOUT_IMAGE = "slipway/checkout:latest";
export const TEST_IMAGE = "slipway/test:latest";
/** sshd + git-shell, for integration and e2e tests of deploy keys (server/testing/git-host.ts). */
export const GIT_HOST_IMAGE = "slipway/git-host:latest";

/** Where the host's static busybox is (Debian package busybox-static). */
const BUSYBOX = "/bin/busybox";

/** The images Slipway builds from images/<name>/, in build order. `baseImage` is their BASE_IMAGE build argument. */
export async function slipwayImages(repoRoot: string, baseImage: string): Promise<(ImageBuild & { name: string })[]> {
  const dir = (name: string) => path.join(repoRoot, "images", name);
  const testFiles: ContextFile[] = [...(await filesUnder(dir("test"))), { name: "busybox", source: BUSYBOX, mode: 0o755 }];
  return [
    { name: "checkout", tag: CHECKOUT_IMAGE, files: await filesUnder(dir("checkout")), buildArgs: { BASE_IMAGE: baseImage }, labels: { "slipway.image": "checkout" } },
    { name: "test", tag: TEST_IMAGE, files: testFiles, labels: { "slipway.image": "test" } },
    { name: "git-host", tag: GIT_HOST_IMAGE, files: await filesUnder(dir("git-host")), buildArgs: { BASE_IMAGE: baseImage }, labels: { "slipway.image": "git-host" } },
  ];
}
