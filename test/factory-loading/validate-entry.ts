// Runs `sluice validate` as its own process for the CLI test, until main.ts dispatches it.
import { runValidate } from "../../src/cli/validate-command.js";

process.exitCode = await runValidate(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  readFile: async (path) => (await import("node:fs/promises")).readFile(path, "utf8"),
});
