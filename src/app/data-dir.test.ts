import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resolveDataDir } from "./data-dir.js";

describe("resolveDataDir", () => {
  let project: string;
  beforeEach(async () => {
    project = await mkdtemp(join(tmpdir(), "sluice-datadir-"));
  });
  afterEach(() => rm(project, { recursive: true, force: true }));

  it("keeps CommonJS task scripts working inside an ES-module project (as a fresh checkout is)", async () => {
    await writeFile(join(project, "package.json"), JSON.stringify({ type: "module" }));
    const dataDir = await resolveDataDir(undefined, {}, project);
    expect(dataDir).toBe(join(project, ".sluice"));
    const workingDir = join(dataDir, "nodes", "pool", "1", "wd");
    await mkdir(workingDir, { recursive: true });
    await writeFile(
      join(workingDir, "task.js"),
      'const fs = require("fs"); console.log(typeof fs.readFileSync);\n',
    );
    const { stdout } = await promisify(execFile)(process.execPath, ["task.js"], {
      cwd: workingDir,
    });
    expect(stdout.trim()).toBe("function");
    // A second start keeps the file as it is.
    await resolveDataDir(undefined, {}, project);
  });
});
