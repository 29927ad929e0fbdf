import "server-only";
import path from "node:path";
import { filesUnder, type ContextFile } from "./build-context";
import type { ImageBuild } from "./ensure-image";

export const CHECKOUT_IMAGE = "slipway/checkout:latest";
export const TEST_IMAGE = "slipway/test:latest";
/** sshd + git-shell, for integration and e2e tests of deploy keys (server/testing/git-host.ts). */
export const GIT_HOST_IMAGE = "slipway/git-host:latest";
/** The shared front server (nginx): per-site files in /etc/slipway/front/sites/*.conf, see images/front/. */
export const FRONT_IMAGE = "slipway/front:latest";
/** PHP 8.2 CLI + composer: the PHP built-in server stack and PHP build steps. */
export const PHP_CLI_IMAGE = "slipway/php-cli:latest";
/** A site's php-fpm 8.2 sidecar on TCP 9000. */
export const PHP_FPM_IMAGE = "slipway/php-fpm:latest";
/** Node.js + npm (Debian's): a site's `npm ci && npm run build`. */
export const NODE_IMAGE = "slipway/node:latest";
/** A site's Apache httpd on 8080, PHP to its php-fpm sidecar over FastCGI. */
export const APACHE_IMAGE = "slipway/apache:latest";
/** The shared PHP session store (redis-server on 6379), on the internal sessions network. */
export const REDIS_IMAGE = "slipway/redis:latest";
/** The shared PHP session store (memcached on 11211), on the internal sessions network. */
export const MEMCACHED_IMAGE = "slipway/memcached:latest";

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
    { name: "front", tag: FRONT_IMAGE, files: await filesUnder(dir("front")), buildArgs: { BASE_IMAGE: baseImage }, labels: { "slipway.image": "front" } },
    // php-cli before php-fpm: both start with the same package layer, which the engine then builds once.
    { name: "php-cli", tag: PHP_CLI_IMAGE, files: await filesUnder(dir("php-cli")), buildArgs: { BASE_IMAGE: baseImage }, labels: { "slipway.image": "php-cli" } },
    { name: "php-fpm", tag: PHP_FPM_IMAGE, files: await filesUnder(dir("php-fpm")), buildArgs: { BASE_IMAGE: baseImage }, labels: { "slipway.image": "php-fpm" } },
    { name: "apache", tag: APACHE_IMAGE, files: await filesUnder(dir("apache")), buildArgs: { BASE_IMAGE: baseImage }, labels: { "slipway.image": "apache" } },
    { name: "node", tag: NODE_IMAGE, files: await filesUnder(dir("node")), buildArgs: { BASE_IMAGE: baseImage }, labels: { "slipway.image": "node" } },
    { name: "redis", tag: REDIS_IMAGE, files: await filesUnder(dir("redis")), buildArgs: { BASE_IMAGE: baseImage }, labels: { "slipway.image": "redis" } },
    { name: "memcached", tag: MEMCACHED_IMAGE, files: await filesUnder(dir("memcached")), buildArgs: { BASE_IMAGE: baseImage }, labels: { "slipway.image": "memcached" } },
  ];
}
