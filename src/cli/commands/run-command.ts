import { parseArgs } from "node:util";
import { ApiError, BatchClient } from "../../client/index.js";
import { SluiceError } from "../../core/index.js";
import type { BatchIO, ResolvedIO } from "./batch-io.js";
import { resolveIO } from "./batch-io.js";
import { resolveConnection, type Connection } from "./client-config.js";
import { usageError } from "./flags.js";

type OptionSpec = {
  readonly type: "string" | "boolean";
  readonly multiple?: boolean;
  readonly short?: string;
};

/** One `sluice <noun> <verb>`. */
export interface Subcommand {
  /** Positional arguments: `NAME`, `NAME?` (optional) or `NAME...` (one or more). */
  readonly args?: readonly string[];
  readonly options?: Readonly<Record<string, OptionSpec>>;
  /** A read command: takes `--json`. */
  readonly read?: boolean;
  run(ctx: CommandContext): Promise<number>;
}

/** What a subcommand's `run` gets: its parsed flags and arguments, I/O and the client. */
export interface CommandContext {
  readonly name: string;
  readonly args: readonly string[];
  readonly io: ResolvedIO;
  readonly json: boolean;
  string(flag: string): string | undefined;
  strings(flag: string): string[];
  flag(flag: string): boolean;
  /** True when the flag was given at all. */
  has(flag: string): boolean;
  /** The client, connected on first use (so usage errors surface before config errors). */
  client(): Promise<BatchClient>;
  /** The server's URL and token, resolved on first use, for clients other than Batch's. */
  connection(): Promise<Connection>;
}

const connectionOptions = {
  server: { type: "string" },
  "data-dir": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/**
 * Runs `sluice <noun> <verb> ...` and returns the exit code: 0 done, 1 the API refused
 * (`error <BatchCode>: <message>`) or the server is unreachable, 2 a usage error.
 * Subcommands may return other codes (the waits return 1 when a task failed, 124 on timeout).
 */
export async function runNoun(
  noun: string,
  help: string,
  verbs: Readonly<Record<string, Subcommand>>,
  argv: readonly string[],
  batchIO: BatchIO,
): Promise<number> {
  const io = resolveIO(batchIO);
  const [verb, ...rest] = argv;
  if (verb === undefined || verb === "--help" || verb === "-h" || verb === "help") {
    (verb === undefined ? io.err : io.out)(help);
    return verb === undefined ? 2 : 0;
  }
  const command = Object.hasOwn(verbs, verb) ? verbs[verb] : undefined;
  if (!command) {
    io.err(
      `error InvalidArgument: unknown command 'sluice ${noun} ${verb}'; commands: ${Object.keys(verbs).join(", ")}.\n\n${help}`,
    );
    return 2;
  }
  return runParsed(`sluice ${noun} ${verb}`, help, command, rest, io);
}

/**
 * Runs a command without verbs (`sluice run PIPELINE ...`) as {@link runNoun} runs a verb:
 * the same flags, connection, error reporting and exit codes.
 */
export function runCommand(
  name: string,
  help: string,
  command: Subcommand,
  argv: readonly string[],
  batchIO: BatchIO,
): Promise<number> {
  const io = resolveIO(batchIO);
  return runParsed(name, help, command, argv, io);
}

async function runParsed(
  name: string,
  help: string,
  command: Subcommand,
  argv: readonly string[],
  io: ResolvedIO,
): Promise<number> {
  let url: string | undefined;
  try {
    const ctx = parseContext(name, command, argv, io, (connected) => {
      url = connected;
    });
    if (ctx === undefined) {
      io.out(help);
      return 0;
    }
    return await command.run(ctx);
  } catch (error) {
    return reportError(error, io, url);
  }
}

function parseContext(
  name: string,
  command: Subcommand,
  argv: readonly string[],
  io: ResolvedIO,
  onConnect: (url: string) => void,
): CommandContext | undefined {
  const options = {
    ...connectionOptions,
    ...(command.read ? { json: { type: "boolean" } } : {}),
    ...command.options,
  } as Record<string, OptionSpec>;
  const parsed = parseFlags(name, options, argv);
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  if (values.help) return undefined;
  checkArgs(name, command.args ?? [], parsed.positionals);
  let client: Promise<BatchClient> | undefined;
  let connection: Promise<Connection> | undefined;
  const text = (flag: string) => values[flag] as string | undefined;
  const connect = () =>
    (connection ??= resolveConnection(
      { server: text("server"), dataDir: text("data-dir") },
      io.env,
      io.cwd,
      io.readFile,
    ).then((resolved) => {
      onConnect(resolved.url);
      return resolved;
    }));
  return {
    name,
    args: parsed.positionals,
    io,
    json: values.json === true,
    string: text,
    strings: (flag) => (values[flag] as string[] | undefined) ?? [],
    flag: (flag) => values[flag] === true,
    has: (flag) => values[flag] !== undefined,
    client: () =>
      (client ??= connect().then(
        (resolved) => new BatchClient({ ...resolved, ...(io.fetch ? { fetch: io.fetch } : {}) }),
      )),
    connection: connect,
  };
}

function parseFlags(name: string, options: Record<string, OptionSpec>, argv: readonly string[]) {
  try {
    const args = joinNegativeValues(options, argv);
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const flag = /'(-[^']*)'/.exec(error instanceof Error ? error.message : "")?.[1] ?? "";
    const allowed = Object.keys(options)
      .map((key) => `--${key}`)
      .join(", ");
    const code = (error as { code?: string }).code;
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      const option = flag.split(" ")[0] ?? flag;
      const takesNone = /does not take/.test(error instanceof Error ? error.message : "");
      throw usageError(
        option,
        `${name}: ${option} ${takesNone ? "takes no value (it is a switch)" : "needs a value"}.`,
        option,
      );
    }
    throw usageError(flag, `${name}: unknown option '${flag}'; it takes: ${allowed}.`, flag);
  }
}

/** `--retries -1` as `--retries=-1`: parseArgs would read `-1` as an option. */
function joinNegativeValues(
  options: Record<string, OptionSpec>,
  argv: readonly string[],
): string[] {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") return [...args, ...argv.slice(i)];
    const next = argv[i + 1];
    const isString = arg.startsWith("--") && options[arg.slice(2)]?.type === "string";
    if (isString && next !== undefined && /^-\d/.test(next)) {
      args.push(`${arg}=${next}`);
      i++;
    } else args.push(arg);
  }
  return args;
}

function checkArgs(name: string, spec: readonly string[], given: readonly string[]): void {
  const required = spec.filter((arg) => !arg.endsWith("?")).length;
  const variadic = spec.some((arg) => arg.endsWith("..."));
  if (given.length >= required && (variadic || given.length <= spec.length)) return;
  const usage = spec.join(" ") || "no arguments";
  throw usageError(
    "arguments",
    `${name} takes ${usage}, but ${given.length} argument${given.length === 1 ? " was" : "s were"} given${given.length ? `: ${given.join(" ")}` : ""}.`,
    given,
  );
}

function reportError(error: unknown, io: ResolvedIO, url: string | undefined): number {
  if (error instanceof ApiError) {
    io.err(`error ${error.batchCode}: ${error.message}`);
    return 1;
  }
  if (error instanceof SluiceError) {
    io.err(`error ${error.code}: ${error.message}`);
    return error.code === "InvalidArgument" ? 2 : 1;
  }
  if (error instanceof TypeError && error.message === "fetch failed") {
    const cause = error.cause as { code?: string; message?: string } | undefined;
    io.err(
      `error ServerUnreachable: cannot reach the Sluice server at ${url ?? "the server"} (${cause?.code ?? cause?.message ?? "no answer"}). ` +
        "Start it with 'sluice server', or point --server (or SLUICE_URL) at it.",
    );
    return 1;
  }
  throw error;
}

/** A one-argument command (`ID`) calling the client and printing what it did. */
export function idAction(
  call: (ctx: CommandContext, id: string) => Promise<void>,
  done: (id: string) => string,
  options: Subcommand["options"] = {},
): Subcommand {
  return {
    args: ["ID"],
    options,
    async run(ctx) {
      await call(ctx, ctx.args[0]!);
      ctx.io.out(done(ctx.args[0]!));
      return 0;
    },
  };
}
