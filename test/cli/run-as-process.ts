// Runs one Batch command as main.ts will: a plain CommandIO, the real process environment,
// stdout and timers. Usage: run-as-process.ts <noun> <args...>
import { readFile } from "node:fs/promises";
import { runJob, runNode, runPool, runTask } from "../../src/cli/commands/index.js";
import type { CommandIO } from "../../src/cli/command-io.js";

const io: CommandIO = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  readFile: (path) => readFile(path, "utf8"),
};
const [noun, ...rest] = process.argv.slice(2);
const commands = { pool: runPool, job: runJob, task: runTask, node: runNode };
process.exitCode = await commands[noun as keyof typeof commands](rest, io);
