#!/usr/bin/env node
import { runEval } from "./eval-command.js";
import type { CommandIO } from "./command-io.js";

const usage = `Usage: sluice <command> [options]

Commands:
  eval '<expression>' [--scope FILE] [--param name=value]... [--now ISO]
      Evaluate an ADF expression and print the result as JSON.

Run 'sluice <command> --help' for a command's options.`;

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[], io: CommandIO): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "eval":
      return runEval(rest, io);
    case undefined:
    case "help":
    case "--help":
    case "-h":
      io.out(usage);
      return command === undefined ? 2 : 0;
    default:
      io.err(`Unknown command '${command}'. Commands: eval.\n\n${usage}`);
      return 2;
  }
}

const io: CommandIO = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  readFile: async (path) => (await import("node:fs/promises")).readFile(path, "utf8"),
};

process.exitCode = await main(process.argv.slice(2), io);
