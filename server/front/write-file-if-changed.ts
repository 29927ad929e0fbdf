import "server-only";
import { chmod, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Replaces `file` with `content` by writing a temporary file beside it and renaming it over, so nginx never
 * reads half a file. Returns false (and writes nothing) when the file already holds exactly this content.
 */
export async function writeFileIfChanged(file: string, content: string, mode = 0o644): Promise<boolean> {
  const current = await readFile(file, "utf8").catch(() => null);
  if (current === content) {
    await chmod(file, mode);
    return false;
  }
  await mkdir(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    // The mode is set on the temporary file, so a private key is never readable by others, not even briefly.
    await writeFile(temp, content, { mode });
    await chmod(temp, mode);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return true;
}
