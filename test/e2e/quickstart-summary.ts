// The example factory's result check: its summary must equal the totals of the generated files.
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { expect } from "vitest";

/** Checks `<dataDir>/storage/output/summary.json` against the input files, computed here. */
export async function expectQuickstartSummary(dataDir: string): Promise<void> {
  const salesDir = join(dataDir, "storage", "input", "sales");
  const files = (await readdir(salesDir)).filter((name) => name.endsWith(".csv"));
  expect(files).toHaveLength(6);
  const cents: Record<string, number> = {};
  let rows = 0;
  for (const file of files) {
    const [, ...lines] = (await readFile(join(salesDir, file), "utf8")).trim().split("\n");
    for (const line of lines) {
      const [region, , amount] = line.split(",");
      cents[region!] = (cents[region!] ?? 0) + Math.round(Number(amount) * 100);
      rows++;
    }
  }
  const summary = JSON.parse(
    await readFile(join(dataDir, "storage", "output", "summary.json"), "utf8"),
  ) as { files: number; rows: number; byRegion: Record<string, number> };
  expect(summary.files).toBe(6);
  expect(summary.rows).toBe(rows);
  expect(Object.keys(summary.byRegion).sort()).toEqual(["east", "north", "south", "west"]);
  for (const [region, total] of Object.entries(cents))
    expect(summary.byRegion[region]).toBe(total / 100);
}
