import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pack } from "tar-stream";

export interface ContextFile {
  /** Path inside the build context. */
  name: string;
  /** Where the file is on this machine. */
  source: string;
  mode?: number;
}

/** All regular files under `dir` (sorted), as context files named relative to it. */
export async function filesUnder(dir: string): Promise<ContextFile[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => {
      const source = path.join(e.parentPath, e.name);
      return { name: path.relative(dir, source).split(path.sep).join("/"), source };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * A content hash over file names, modes, bytes and build args (order-independent):
 * the image is rebuilt exactly when one of them changes.
 */
export async function contextHash(files: ContextFile[], buildArgs: Record<string, string> = {}): Promise<string> {
  const hash = createHash("sha256");
  for (const file of [...files].sort((a, b) => a.name.localeCompare(b.name))) {
    const mode = file.mode ?? (await fs.stat(file.source)).mode & 0o777;
    hash.update(`file\0${file.name}\0${mode}\0`);
    hash.update(await fs.readFile(file.source));
    hash.update("\0");
  }
  for (const key of Object.keys(buildArgs).sort()) hash.update(`arg\0${key}\0${buildArgs[key]}\0`);
  return hash.digest("hex");
}

/** A tar stream of the files, for the engine's build endpoint. */
export function tarContext(files: ContextFile[]): NodeJS.ReadableStream {
  const archive = pack();
  void (async () => {
    try {
      for (const file of files) {
        const [data, stat] = await Promise.all([fs.readFile(file.source), fs.stat(file.source)]);
        await new Promise<void>((resolve, reject) =>
          archive.entry({ name: file.name, mode: file.mode ?? stat.mode & 0o777, mtime: new Date(0) }, data, (error) => (error ? reject(error) : resolve())),
        );
      }
      archive.finalize();
    } catch (error) {
      archive.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  // tar-stream packs with streamx; wrap it in a Node stream for dockerode.
  return Readable.from(archive);
}
