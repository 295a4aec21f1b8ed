import { cp, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FactoryProblem } from "../../src/factory/index.js";

/** The fixture factories folder. */
export const fixtures = new URL("../fixtures/factories/", import.meta.url).pathname;

/** A fixture factory's path. */
export function fixture(name: string): string {
  return join(fixtures, name);
}

/** A copy of a fixture factory in a fresh temporary folder, to change freely. */
export async function copyFixture(name: string): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), "sluice-factory-")), name);
  await cp(fixture(name), dir, { recursive: true });
  return dir;
}

/** Rewrites every JSON file under `dir` with a UTF-8 BOM and CRLF line ends, as Windows editors save them. */
export async function toBomCrlf(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".json")) continue;
    const path = join(entry.parentPath, entry.name);
    const text = await readFile(path, "utf8");
    await writeFile(path, `\uFEFF${text.replace(/\n/g, "\r\n")}`);
  }
}

/** A problem without its message, for exact comparisons. */
export function brief(problem: FactoryProblem): string {
  return `${problem.severity} ${problem.code} ${problem.file} ${problem.jsonPath}`;
}
