// "Every command shown in the docs runs" (issue 6): each file's shell commands run in order
// in one bash session, in a fresh folder, against a real server (the one the file starts
// itself, as README's Batch section does, or one this test starts), with the built CLI.
// A command that cannot run in a test is in `notRun` with the reason; a new command that is
// neither run nor listed cannot appear, because every other command runs.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { docCommands, withoutComment, type DocCommand } from "./doc-commands.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const cli = join(root, "dist", "cli", "main.js");

/** Commands shown but not run here, with the reason (exact text as in the docs). */
const notRun: Record<string, string> = {
  "npm ci && npm start     # the main job: start Sluice on the example factory and run it":
    "runs until Ctrl-C; test/e2e/quickstart.e2e.test.ts runs what it runs (`sluice up examples/quickstart` with both runs) and checks the outputs",
  "npm ci && npm test      # the tests": "the test suite itself; CI runs it after `npm ci`",
  "npm run build --silent": "the tests run on the build CI made before them (`npm run build`)",
};

/** Output that differs on each run: what it must match instead of the text shown. */
const varyingOutput: Record<string, RegExp> = {
  "node dist/cli/main.js task logs hello t1": /^hello from tvmps_[0-9a-f]+_d$/,
};

/** Placeholders the docs use, and what stands for them here. */
function substitutions(port: number): [RegExp, string][] {
  return [
    [/127\.0\.0\.1:7070/g, `127.0.0.1:${port}`],
    [/--port 7070/g, `--port ${port}`],
    [/path\/to\/factory/g, join(root, "test/docs/fixtures/shop")],
    [
      /<runId>/g,
      `"$(sluice runs list --factory shop --limit 1 --json | node -p 'JSON.parse(require("fs").readFileSync(0, "utf8"))[0].runId')"`,
    ],
  ];
}

async function docFiles(): Promise<string[]> {
  const docs = (await readdir(join(root, "docs"))).filter((name) => name.endsWith(".md"));
  return ["README.md", ...docs.sort().map((name) => `docs/${name}`)];
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === "object" && address ? address.port : 0;
}

/** Waits for GET /health on `port` (bash, so it can follow a backgrounded server). */
const waitForHealth = (port: number): string =>
  `node -e 'const end=Date.now()+60000;(async()=>{for(;;){try{if((await fetch("http://127.0.0.1:${port}/health")).ok)return}catch{}if(Date.now()>end)process.exit(1);await new Promise(r=>setTimeout(r,200))}})()'`;

/** The bash script of a file's commands: markers around each command's output. */
function script(commands: readonly DocCommand[], port: number): string {
  const lines = ["set +e", "trap 'kill -INT $(jobs -p) 2>/dev/null; wait' EXIT"];
  commands.forEach((command, i) => {
    let text = withoutComment(command.text);
    for (const [pattern, value] of substitutions(port)) text = text.replace(pattern, value);
    lines.push(`echo "@@start ${i}"`);
    if (text.endsWith("&")) {
      lines.push(`( ${text.slice(0, -1).trim()} ) > background-${i}.log 2>&1 &`);
      lines.push(`${waitForHealth(port)} || cat background-${i}.log`);
    } else {
      lines.push(`{ ${text} ; } 2>&1 < /dev/null`);
    }
    lines.push(`echo "@@end ${i} $?"`);
  });
  return `${lines.join("\n")}\n`;
}

/** Inputs the docs' commands read, as a reader would have them: files and variables. */
const inputFiles: Record<string, string> = {
  "conn.txt": "DefaultEndpointsProtocol=https;AccountName=example;AccountKey=ZXhhbXBsZQ==\n",
};
const inputVariables: Record<string, string> = { SQL_PASSWORD: "example-password" };

/** A folder like a checkout's top for the docs' relative paths, and `sluice` on the PATH. */
async function workFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "sluice-doc-commands-"));
  for (const name of ["dist", "examples", "node_modules", "package.json"])
    await symlink(join(root, name), join(dir, name));
  await mkdir(join(dir, "bin"));
  await writeFile(join(dir, "bin", "sluice"), `#!/bin/sh\nexec node ${cli} "$@"\n`);
  await chmod(join(dir, "bin", "sluice"), 0o755);
  for (const [name, text] of Object.entries(inputFiles)) await writeFile(join(dir, name), text);
  return dir;
}

function run(
  file: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): { child: ChildProcess; done: Promise<string> } {
  const child = spawn(file, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const done = new Promise<string>((resolve) => child.once("exit", () => resolve(output)));
  return { child, done };
}

/** Runs a file's commands; answers each command's output and exit code. */
async function runCommands(
  commands: readonly DocCommand[],
): Promise<{ output: string; code: number }[]> {
  const cwd = await workFolder();
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${join(cwd, "bin")}:${process.env.PATH ?? ""}`,
    SLUICE_URL: `http://127.0.0.1:${port}`,
    SLUICE_HOME: ".sluice",
    NO_COLOR: "1",
    ...inputVariables,
  };
  delete env.SLUICE_TOKEN;
  const startsItsOwn = commands.some((c) => withoutComment(c.text).endsWith("&"));
  const server = startsItsOwn
    ? undefined
    : run(process.execPath, [cli, "server", "--data-dir", ".sluice", "--port", String(port)], {
        cwd,
        env,
      });
  try {
    if (server) {
      const ready = run("bash", ["-c", waitForHealth(port)], { cwd, env });
      await ready.done;
      expect(ready.child.exitCode, "the test's server did not start").toBe(0);
    }
    await writeFile(join(cwd, "commands.sh"), script(commands, port));
    const { done } = run("bash", ["commands.sh"], { cwd, env });
    const transcript = await done;
    return commands.map((_, i) => {
      const match = new RegExp(`@@start ${i}\\n([\\s\\S]*?)@@end ${i} (\\d+)`).exec(transcript);
      return match
        ? { output: match[1] ?? "", code: Number(match[2]) }
        : { output: `no transcript:\n${transcript}`, code: -1 };
    });
  } finally {
    if (server && server.child.exitCode === null) {
      server.child.kill("SIGINT");
      await server.done;
    }
    await rm(cwd, { recursive: true, force: true });
  }
}

/** What is wrong with a command's result, if anything. */
function failureOf(
  command: DocCommand,
  result: { output: string; code: number },
): string | undefined {
  const where = `${command.file}:${command.line}: ${command.text}`;
  if (result.code !== 0) return `${where}\n  exit ${result.code}: ${result.output.trim()}`;
  const actual = result.output.trimEnd();
  const pattern = varyingOutput[command.text];
  const matches = pattern
    ? pattern.test(actual)
    : command.output === undefined || actual === command.output;
  return matches ? undefined : `${where}\n  shows:\n${command.output}\n  printed:\n${actual}`;
}

describe("the commands in the docs", () => {
  it("are all run here or listed as not runnable, with a reason", async () => {
    const shown = new Set<string>();
    for (const file of await docFiles()) {
      for (const command of docCommands(file, await readFile(join(root, file), "utf8")))
        shown.add(command.text);
    }
    expect(Object.keys(notRun).filter((text) => !shown.has(text))).toEqual([]);
    // README's first two commands stay true: the scripts they name exist.
    const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.start).toMatch(/dist\/cli\/main\.js up examples\/quickstart/);
    expect(pkg.scripts.test).toBeDefined();
  });

  it("run as written", { timeout: 600_000 }, async () => {
    expect(existsSync(cli), `${cli} is missing: run 'npm run build' first`).toBe(true);
    const failures: string[] = [];
    let ran = 0;
    const files: DocCommand[][] = [];
    for (const file of await docFiles()) {
      const commands = docCommands(file, await readFile(join(root, file), "utf8")).filter(
        (command) => !(command.text in notRun),
      );
      if (commands.length > 0) files.push(commands);
    }
    // A few files at once: each has its own folder, port and server, and mostly waits.
    for (let i = 0; i < files.length; i += 3) {
      const batch = files.slice(i, i + 3);
      const results = await Promise.all(batch.map((commands) => runCommands(commands)));
      batch.forEach((commands, j) =>
        commands.forEach((command, k) => {
          ran++;
          const failure = failureOf(command, results[j]![k]!);
          if (failure) failures.push(failure);
        }),
      );
    }
    expect(failures).toEqual([]);
    expect(ran).toBeGreaterThan(15);
  });
});
