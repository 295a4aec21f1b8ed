import { parseArgs } from "node:util";
import { SluiceError } from "../core/index.js";
import { parseMissedFires, resolveDataDir, startUp } from "../app/index.js";
import type { CommandIO } from "./command-io.js";
import { parsePort } from "./server-command.js";

const help = `Usage: sluice up [FACTORY_DIR] [--data-dir DIR] [--port 7070] [--host 127.0.0.1] [--nodes N] [--run PIPELINE]...
                 [--missed-fires skip|catch-up]

Starts everything on one machine: the server with its scheduler and web UI, SQLite and the
embedded storage in the data directory (default .sluice), and a local pool (N nodes,
default: the cores) for each pool the factory's AzureBatch linked services name. With
FACTORY_DIR it validates and deploys the factory (its storage/ folder, if any, is copied into
the embedded storage), starts its triggers, and runs each --run pipeline once, in order.
Runs until Ctrl-C; the next 'sluice up' on the same data directory resumes where it stopped.
--missed-fires: schedule trigger fires that fell due while Sluice was down are dropped (skip,
the default, as ADF) or each run, oldest first (catch-up).`;

/** `sluice up`: runs until `stop` resolves (Ctrl-C); returns the exit code. */
export async function runUp(
  argv: readonly string[],
  io: CommandIO,
  stop: Promise<void>,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      "data-dir": { type: "string" },
      host: { type: "string" },
      port: { type: "string" },
      nodes: { type: "string" },
      run: { type: "string", multiple: true },
      "missed-fires": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    io.out(help);
    return 0;
  }
  if (positionals.length > 1) {
    throw new SluiceError(
      "InvalidArgument",
      `sluice up takes at most one factory folder, but ${positionals.length} were given.\n\n${help}`,
    );
  }
  const port = parsePort(values.port, 7070);
  const nodes = values.nodes === undefined ? undefined : parseNodes(values.nodes);
  const missedFires = parseMissedFires(values["missed-fires"]);
  const dataDir = await resolveDataDir(values["data-dir"], process.env, process.cwd());
  const up = await startUp(
    {
      dataDir,
      port,
      ...(values.host === undefined ? {} : { host: values.host }),
      ...(nodes === undefined ? {} : { nodes }),
      ...(positionals[0] === undefined ? {} : { factoryPath: positionals[0] }),
      runs: values.run ?? [],
      missedFires,
    },
    (line) => io.out(line),
  );
  io.out("Press Ctrl-C to stop.");
  await stop;
  io.out("Stopping: running tasks finish or go back to the queue; runs resume at the next start.");
  await up.close();
  return 0;
}

function parseNodes(text: string): number {
  const nodes = Number(text);
  if (Number.isInteger(nodes) && nodes >= 0 && nodes <= 64) return nodes;
  throw new SluiceError(
    "InvalidArgument",
    `--nodes must be a whole number from 0 to 64, but it is '${text}'.`,
    {
      details: { field: "nodes", value: text },
    },
  );
}
