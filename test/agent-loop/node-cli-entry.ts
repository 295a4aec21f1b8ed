// `sluice node` as its own process, wired as src/cli/main.ts wires commands (Ctrl-C and
// SIGTERM resolve `stop`; a SluiceError prints `error <code>: ...` and exits 2), so the agent
// and the supervisor can be tested as real processes.
import { readFile } from "node:fs/promises";
import { runNode } from "../../src/cli/node-command.js";
import { SluiceError } from "../../src/core/index.js";

const [command, ...rest] = process.argv.slice(2);
const stop = new Promise<void>((resolve) => {
  process.once("SIGINT", () => resolve());
  process.once("SIGTERM", () => resolve());
});
const io = {
  out: (text: string) => process.stdout.write(`${text}\n`),
  err: (text: string) => process.stderr.write(`${text}\n`),
  readFile: (path: string) => readFile(path, "utf8"),
};
if (command !== "node") {
  io.err(`this entry runs only 'node', not '${String(command)}'`);
  process.exitCode = 2;
} else {
  try {
    process.exitCode = await runNode(rest, io, stop);
  } catch (error) {
    if (!(error instanceof SluiceError)) throw error;
    io.err(`error ${error.code}: ${error.message}`);
    process.exitCode = 2;
  }
}
