import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import type { CommandIO } from "./command-io.js";
import { runEval } from "./eval-command.js";

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CommandIO = {
    out: (text) => (out += `${text}\n`),
    err: (text) => (err += `${text}\n`),
    readFile: async (path) => (await import("node:fs/promises")).readFile(path, "utf8"),
  };
  const code = await runEval(argv, io);
  return { code, out, err };
}

describe("sluice eval", () => {
  it("prints the result as JSON", async () => {
    expect(await run("@pipeline().parameters.n", "--param", "n=42")).toEqual({
      code: 0,
      out: "42\n",
      err: "",
    });
    expect((await run("@pipeline().parameters.s", "--param", "s=hello world")).out).toBe(
      '"hello world"\n',
    );
    expect((await run("@pipeline().parameters.o", "--param", 'o={"a":[1,2.5]}')).out).toBe(
      '{"a":[1,2.5]}\n',
    );
    expect((await run("plain text")).out).toBe('"plain text"\n');
  });

  it("reads a scope file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sluice-eval-"));
    const file = join(dir, "scope.json");
    await writeFile(file, JSON.stringify({ item: { name: "a.csv" }, parameters: { p: "x" } }));
    expect((await run("@{pipeline().parameters.p}/@{item().name}", "--scope", file)).out).toBe(
      '"x/a.csv"\n',
    );
    expect((await run("@pipeline().parameters.p", "--scope", file, "--param", "p=y")).out).toBe(
      '"y"\n',
    );
  });

  it("shows an expression error with a caret under its position and exits 2", async () => {
    const result = await run("@pipeline().parameters.nope", "--param", "n=1");
    expect(result.code).toBe(2);
    expect(result.out).toBe("");
    expect(result.err).toBe(
      "error ExpressionMissingParameter: The pipeline has no parameter 'nope'; it has: n. (at 1:24)\n" +
        "  @pipeline().parameters.nope\n" +
        "                         ^\n",
    );
  });

  it("rejects bad flags and files with a clear message naming them", async () => {
    expect((await run("@1", "--param", "novalue")).err).toMatch(
      /--param must be name=value, but it is 'novalue'/,
    );
    expect((await run("@1", "--now", "yesterday")).err).toMatch(
      /--now must be an ISO 8601 .* 'yesterday'/,
    );
    expect((await run("@1", "--scope", "/nonexistent/scope.json")).err).toMatch(
      /--scope \/nonexistent\/scope.json could not be read/,
    );
    expect((await run("@1", "@2")).code).toBe(2);
    const dir = await mkdtemp(join(tmpdir(), "sluice-eval-"));
    const file = join(dir, "scope.json");
    await writeFile(file, JSON.stringify({ params: {} }));
    expect((await run("@1", "--scope", file)).err).toMatch(
      /unknown field 'params'; allowed: parameters,/,
    );
  });

  it("runs as a real process", async () => {
    const exec = promisify(execFile);
    const root = new URL("../..", import.meta.url).pathname;
    const { stdout } = await exec(
      process.execPath,
      [
        "--import",
        "tsx",
        join(root, "src/cli/main.ts"),
        "eval",
        "@item().name",
        "--scope",
        join(root, "examples/expressions/scope.json"),
      ],
      { cwd: root },
    );
    expect(stdout).toBe('"orders-0001.csv"\n');
    const failure = await exec(
      process.execPath,
      ["--import", "tsx", join(root, "src/cli/main.ts"), "eval", "@nope("],
      { cwd: root },
    ).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toMatch(/^error ExpressionSyntax/);
  }, 30_000);
});
