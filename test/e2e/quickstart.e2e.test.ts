// What the README tells a new user, in a fresh folder: `sluice up` on the example factory
// with its two runs; the summary must be the totals of the generated files. A second
// `sluice up` on the same data directory refuses, and Ctrl-C stops cleanly.
import { spawn, type ChildProcess } from "node:child_process";
import { cp, mkdtemp, readFile, readdir, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { describe } from "vitest";

const root = new URL("../..", import.meta.url).pathname;

function up(args: readonly string[]): { child: ChildProcess; output: () => string } {
  let output = "";
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(root, "src/cli/main.ts"), "up", ...args],
    {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function until(check: () => boolean, ms: number, what: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const exitOf = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });

describe("the quickstart", () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  });

  it("runs the example factory end to end with `sluice up`", { timeout: 180_000 }, async () => {
    const home = await mkdtemp(join(tmpdir(), "sluice-quickstart-"));
    await cp(join(root, "examples/quickstart"), join(home, "quickstart"), { recursive: true });
    const dataDir = join(home, ".sluice");
    const first = up([
      join(home, "quickstart"),
      "--data-dir",
      dataDir,
      "--port",
      "0",
      "--nodes",
      "2",
      "--run",
      "prepare-sample-data",
      "--run",
      "process-sales",
    ]);
    children.push(first.child);
    await until(
      () => /'process-sales': (Succeeded|Failed|Cancelled)/.test(first.output()),
      150_000,
      first.output,
    );
    expect(first.output()).toContain("'process-sales': Succeeded");
    expect(first.output()).toMatch(/Sluice is up at http:\/\/127\.0\.0\.1:\d+/);

    // The summary equals the totals computed here from the generated input files.
    const salesDir = join(dataDir, "storage", "input", "sales");
    const files = (await readdir(salesDir)).filter((name) => name.endsWith(".csv"));
    expect(files).toHaveLength(6);
    const byRegion: Record<string, number> = {};
    let rows = 0;
    for (const file of files) {
      const [, ...lines] = (await readFile(join(salesDir, file), "utf8")).trim().split("\n");
      for (const line of lines) {
        const [region, , amount] = line.split(",");
        byRegion[region!] = (byRegion[region!] ?? 0) + Math.round(Number(amount) * 100);
        rows++;
      }
    }
    const summary = JSON.parse(
      await readFile(join(dataDir, "storage", "output", "summary.json"), "utf8"),
    );
    expect(summary.files).toBe(6);
    expect(summary.rows).toBe(rows);
    expect(Object.keys(summary.byRegion).sort()).toEqual(["east", "north", "south", "west"]);
    for (const [region, cents] of Object.entries(byRegion))
      expect(summary.byRegion[region]).toBe(cents / 100);

    const second = up([join(home, "quickstart"), "--data-dir", dataDir, "--port", "0"]);
    children.push(second.child);
    expect(await exitOf(second.child)).toBe(2);
    expect(second.output()).toContain("DataDirInUse");

    first.child.kill("SIGINT");
    expect(await exitOf(first.child)).toBe(0);
    await expect(stat(join(dataDir, "sluice.pid"))).rejects.toThrow();
  });
});
