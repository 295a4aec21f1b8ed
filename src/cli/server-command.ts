import { parseArgs } from "node:util";
import { SluiceError } from "../core/index.js";
import {
  databaseConfig,
  parseMissedFires,
  resolveDataDir,
  startServer,
  tokenPath,
} from "../app/index.js";
import type { CommandIO } from "./command-io.js";

const help = `Usage: sluice server [--data-dir DIR] [--host 127.0.0.1] [--port 7070] [--db sqlite|postgres://...]
                     [--missed-fires skip|catch-up]

Serves the REST API until Ctrl-C. Every request needs 'Authorization: Bearer <token>'; the
token is created at first start in <data-dir>/token. --missed-fires: schedule trigger fires
that fell due while no server ran are dropped (skip, the default, as ADF) or each run,
oldest first (catch-up).`;

/** Parses a TCP port flag. */
export function parsePort(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new SluiceError(
      "InvalidArgument",
      `--port must be an integer from 0 to 65535, but it is '${text}'.`,
      {
        details: { field: "port", value: text },
      },
    );
  }
  return port;
}

/** `sluice server`: runs until `stop` resolves (Ctrl-C in main.ts); returns the exit code. */
export async function runServer(
  argv: readonly string[],
  io: CommandIO,
  stop: Promise<void>,
): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      "data-dir": { type: "string" },
      host: { type: "string" },
      port: { type: "string" },
      db: { type: "string" },
      "missed-fires": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    io.out(help);
    return 0;
  }
  // Validate flags before creating anything: bad input changes nothing.
  const port = parsePort(values.port, 7070);
  databaseConfig(values.db, ".");
  const missedFires = parseMissedFires(values["missed-fires"]);
  const dataDir = await resolveDataDir(values["data-dir"], process.env, process.cwd());
  const server = await startServer({
    dataDir,
    port,
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(values.db === undefined ? {} : { db: values.db }),
    missedFires,
  });
  io.out(`Sluice server listening on ${server.url}`);
  io.out(`Token: ${tokenPath(dataDir)}`);
  await stop;
  await server.close();
  return 0;
}
