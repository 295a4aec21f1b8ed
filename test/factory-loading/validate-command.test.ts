import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import type { CommandIO } from "../../src/cli/command-io.js";
import { runValidate } from "../../src/cli/validate-command.js";
import type { FactoryProblem } from "../../src/factory/index.js";
import { copyFixture, fixture } from "./fixtures.js";

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CommandIO = {
    out: (text) => (out += `${text}\n`),
    err: (text) => (err += `${text}\n`),
    readFile: async () => "",
  };
  const code = await runValidate(argv, io);
  return { code, out, err };
}

describe("sluice validate", () => {
  it("prints warnings grouped by file with a summary, and exits 0 when nothing is an error", async () => {
    const dir = fixture("retail");
    const result = await run(dir);
    expect(result.code).toBe(0);
    expect(result.err).toBe("");
    const lines = result.out.split("\n");
    expect(lines[0]).toMatch(
      /^linkedService\/ls_databricks\.json:\$\.properties\.type: warning: the linked service 'ls_databricks' has type AzureDatabricks/,
    );
    expect(lines[1]).toBe("");
    expect(lines[2]).toMatch(
      /^pipeline\/pl_master\.json:\$\.properties\.activities\[6\]\.type: warning: activity 'Refresh dashboard'/,
    );
    expect(lines.slice(3)).toEqual([
      "",
      `${dir}: valid, 0 errors and 2 warnings in 2 files (2 pipelines, 2 datasets, 4 linked services, 2 triggers).`,
      "",
    ]);
  });

  it("exits 1 when there is an error, and --json prints the list", async () => {
    const text = await run(fixture("broken-dependencies"));
    expect(text.code).toBe(1);
    expect(text.out).toContain(
      "pipeline/pl_deps.json:$.properties.activities[2].dependsOn: error: activity 'C' depends on itself\n",
    );
    expect(text.out).toMatch(
      /: invalid, 8 errors and 0 warnings in 1 file \(1 pipeline, 0 datasets, 0 linked services, 0 triggers\)\.\n$/,
    );
    const json = await run(fixture("broken-dependencies"), "--json");
    expect(json.code).toBe(1);
    const problems = JSON.parse(json.out) as FactoryProblem[];
    expect(problems).toHaveLength(8);
    expect(problems[2]).toEqual({
      severity: "error",
      file: "pipeline/pl_deps.json",
      jsonPath: "$.properties.activities[3].dependsOn[0].activity",
      code: "DependencyNotSibling",
      message:
        "activity 'D' depends on 'Inner': 'Inner' is in ForEach 'Loop' (activities), but activity 'D' is in pipeline 'pl_deps'; dependsOn can only name activities in the same container",
    });
  });

  it("validates an ARM template file", async () => {
    const template = join(fixture("retail-arm"), "ARMTemplateForFactory.json");
    const result = await run(template);
    expect(result.code).toBe(0);
    expect(result.out).toContain(`${template}:$.resources[3].properties.type: warning:`);
  });

  it("reports files that are not JSON at line:column and validates nothing else", async () => {
    const dir = await copyFixture("retail");
    await writeFile(
      join(dir, "pipeline", "pl_master.json"),
      '{\n  "name": "pl_master",\n  "properties": {\n}',
    );
    const result = await run(dir);
    expect(result.code).toBe(1);
    expect(result.out).toBe(
      "pipeline/pl_master.json:4:2: error: invalid JSON at 4:2: expected ',' or '}' but found the end of the file\n\n" +
        `${dir}: could not be read (1 error); fix what stops it loading, then validate again.\n`,
    );
  });

  it("exits 2 on a path that does not exist or a bad command line", async () => {
    const missing = await run(fixture("no-such-factory"));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^error FactoryLoadFailed: .*no-such-factory does not exist/);
    expect((await run()).code).toBe(2);
    expect((await run("a", "b")).err).toMatch(
      /^error InvalidArgument: sluice validate takes one factory/,
    );
    expect((await run("--help")).out).toMatch(/^Usage: sluice validate PATH/);
  });

  it("runs as a real process", async () => {
    const exec = promisify(execFile);
    const root = new URL("../..", import.meta.url).pathname;
    const entry = join(root, "test/factory-loading/validate-entry.ts");
    const ok = await exec(
      process.execPath,
      ["--import", "tsx", entry, fixture("retail"), "--json"],
      { cwd: root },
    );
    expect((JSON.parse(ok.stdout) as FactoryProblem[]).map((p) => p.severity)).toEqual([
      "warning",
      "warning",
    ]);
    const failure = await exec(
      process.execPath,
      ["--import", "tsx", entry, fixture("broken-many")],
      { cwd: root },
    ).catch((error: { code: number; stdout: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stdout: string }).stdout).toMatch(
      /: invalid, 8 errors and 2 warnings in 3 files/,
    );
  }, 30_000);
});
