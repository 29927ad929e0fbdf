import fs from "node:fs";
import path from "node:path";

/** Writes a benchmark's figures to bench/results/<name>.json (git-ignored) and says where. */
export function writeResults(root: string, name: string, result: unknown): void {
  const file = path.join(root, "bench", "results", `${name}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`written to ${path.relative(process.cwd(), file) || file}`);
}
