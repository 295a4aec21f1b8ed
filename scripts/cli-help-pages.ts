// Prints, as JSON, the CLI's answers to the help requests named in argv (each a JSON array
// of arguments), in one process: loading the CLI from source once is what takes time.
// Used by scripts/cli-reference.ts.
import type { CommandIO } from "../src/cli/command-io.js";

const requests = process.argv.slice(2).map((arg) => JSON.parse(arg) as string[]);
// src/cli/main.ts runs itself on import with process.argv: give it `help`, and keep its
// answer out of this process's output.
process.argv = [process.argv[0] ?? "node", "sluice", "help"];
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = () => true;
const { main } = await import("../src/cli/main.js");
process.stdout.write = write;

const answers: { args: string[]; output: string; code: number }[] = [];
for (const args of requests) {
  let output = "";
  const io: CommandIO = {
    out: (text) => (output += `${text}\n`),
    err: (text) => (output += `${text}\n`),
    readFile: () => Promise.reject(new Error("help reads no file")),
  };
  const code = await main(args, io);
  answers.push({ args, output, code });
}
write(`${JSON.stringify(answers)}\n`);
