import { parseArgs } from "node:util";
import { SluiceError } from "../core/index.js";
import { loadFactory, type FactoryDeployResult } from "../factory/index.js";
import type { CommandIO } from "./command-io.js";
import { resolveIO, type BatchIO, type ResolvedIO } from "./commands/batch-io.js";
import { resolveConnection } from "./commands/client-config.js";
import { formatDeploy } from "./deploy-output.js";
import { runValidate } from "./validate-command.js";

const help = `Usage: sluice deploy PATH [--factory NAME] [--delete-missing] [--json]

Validates an ADF factory locally (as 'sluice validate' does), then stores all of it on the
server in one transaction: every pipeline, dataset, linked service, trigger and other resource,
and the factory's global parameters. Nothing is stored when anything is invalid. Prints what
was created, updated, left unchanged and deleted.
PATH is a folder in ADF's git layout, a publish-branch folder or an ARM template file.

Options:
  --factory NAME      The factory to deploy into (default: the name in factory/*.json).
  --delete-missing    Delete the server's resources that PATH does not hold.
  --parameters FILE   The ARM template's parameters file (as for 'sluice validate').
  --json              Print the server's report as JSON.
  --server URL        Default: SLUICE_URL, else http://127.0.0.1:7070.
  --data-dir DIR      Where to find the token when SLUICE_TOKEN is not set.

Exit code: 0 deployed, 1 invalid or refused by the server, 2 a usage error or unreadable PATH.`;

/** The flags of one `sluice deploy`. */
interface DeployArgs {
  readonly path: string;
  readonly factory?: string | undefined;
  readonly deleteMissing: boolean;
  readonly parameters?: string | undefined;
  readonly json: boolean;
  readonly server?: string | undefined;
  readonly dataDir?: string | undefined;
}

/** `sluice deploy`: returns the exit code. */
export async function runDeploy(argv: readonly string[], io: BatchIO): Promise<number> {
  const resolved = resolveIO(io);
  try {
    const args = parseDeployArgs(argv);
    if (args === undefined) {
      resolved.out(help);
      return 0;
    }
    const validateArgs = [
      args.path,
      ...(args.parameters === undefined ? [] : ["--parameters", args.parameters]),
      ...(args.json ? ["--json"] : []),
    ];
    const validation = await validateQuietly(validateArgs, resolved);
    if (validation.code !== 0) return validation.flush();
    if (!args.json) validation.flush();
    return await deploy(args, resolved);
  } catch (error) {
    return reportError(error, resolved);
  }
}

/** The flags, or undefined for `--help`. */
function parseDeployArgs(argv: readonly string[]): DeployArgs | undefined {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      factory: { type: "string" },
      "delete-missing": { type: "boolean" },
      parameters: { type: "string" },
      json: { type: "boolean" },
      server: { type: "string" },
      "data-dir": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return undefined;
  const [path] = positionals;
  if (path === undefined || positionals.length > 1) {
    throw new SluiceError(
      "InvalidArgument",
      `sluice deploy takes one factory folder or ARM template, but ${positionals.length} were given.\n\n${help}`,
    );
  }
  return {
    path,
    factory: values.factory,
    deleteMissing: values["delete-missing"] === true,
    parameters: values.parameters,
    json: values.json === true,
    server: values.server,
    dataDir: values["data-dir"],
  };
}

/** Loads the (validated) factory, posts it to the server and prints the report. */
async function deploy(args: DeployArgs, io: ResolvedIO): Promise<number> {
  const definition = await loadFactory(args.path, args.parameters);
  const factory = args.factory ?? definition.factory?.name;
  if (factory === undefined) {
    throw new SluiceError(
      "InvalidArgument",
      `${args.path} has no factory/ file naming the factory: give --factory NAME.`,
      { details: { field: "factory" } },
    );
  }
  const connection = await resolveConnection(
    { server: args.server, dataDir: args.dataDir },
    io.env,
    io.cwd,
    io.readFile,
  );
  const query = args.deleteMissing ? "?deleteMissing=true" : "";
  const url = `${connection.url}/factories/${encodeURIComponent(factory)}/sluice/deploy${query}`;
  const reply = await post(io, url, connection.token, definition);
  if (!reply.ok) return refused(reply.body, io);
  const result = reply.body as FactoryDeployResult;
  if (args.json) io.out(JSON.stringify(result, null, 2));
  else for (const line of formatDeploy(result)) io.out(line);
  return 0;
}

/** Runs `sluice validate` holding its output back, so `--json` prints one document. */
async function validateQuietly(
  argv: readonly string[],
  io: ResolvedIO,
): Promise<{ code: number; flush: () => number }> {
  const lines: { stream: "out" | "err"; text: string }[] = [];
  const buffered: CommandIO = {
    out: (text) => lines.push({ stream: "out", text }),
    err: (text) => lines.push({ stream: "err", text }),
    readFile: io.readFile,
  };
  const code = await runValidate(argv, buffered);
  const flush = (): number => {
    for (const line of lines) io[line.stream](line.text);
    return code;
  };
  return { code, flush };
}

async function post(
  io: ResolvedIO,
  url: string,
  token: string,
  body: unknown,
): Promise<{ ok: boolean; body: unknown }> {
  const response = await (io.fetch ?? fetch)(url, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text === "" ? {} : JSON.parse(text);
  } catch {
    parsed = text; // not JSON (a proxy's page): shown as it is
  }
  return { ok: response.ok, body: parsed };
}

/** The server's ADF error (`{ error: { code, message } }`), or its Batch one (auth). */
function refused(body: unknown, io: ResolvedIO): number {
  const adf = (body as { error?: { code?: string; message?: string } }).error;
  const batch = body as { code?: string; message?: { value?: string } };
  const code = adf?.code ?? batch.code ?? "ServerError";
  const message = adf?.message ?? batch.message?.value ?? JSON.stringify(body);
  io.err(`error ${code}: ${message}`);
  return 1;
}

function reportError(error: unknown, io: ResolvedIO): number {
  if (error instanceof SluiceError) {
    io.err(`error ${error.code}: ${error.message}`);
    return error.code === "InvalidArgument" || error.code === "FactoryLoadFailed" ? 2 : 1;
  }
  if (error instanceof TypeError && error.message === "fetch failed") {
    const cause = error.cause as { code?: string; message?: string } | undefined;
    io.err(
      `error ServerUnreachable: cannot reach the Sluice server (${cause?.code ?? cause?.message ?? "no answer"}). ` +
        "Start it with 'sluice server', or point --server (or SLUICE_URL) at it.",
    );
    return 1;
  }
  throw error;
}
