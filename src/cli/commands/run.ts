// `sluice run PIPELINE`: start a pipeline run on the server, and optionally follow it.
import type { BatchIO } from "./batch-io.js";
import { factoryClient, factoryOf, factoryOption } from "./factory-context.js";
import { runCommand, type Subcommand } from "./run-command.js";
import {
  declaredParameters,
  mergeParameters,
  paramFile,
  paramFlags,
  splitParamPairs,
} from "./run-parameters.js";
import { runWaitOptions, watchRun } from "./run-watch.js";

const help = `Usage: sluice run PIPELINE [--factory NAME] [--param NAME=VALUE]... [--param-file FILE]
                  [--wait [--timeout DURATION] [--interval DURATION]] [--json]

Starts a run of PIPELINE (ADF's createRun) and prints its run id.

Options:
  --factory NAME        The factory (default: default).
  --param NAME=VALUE    A parameter value; repeat for more. Values are text; give Array and
                        Object parameters as JSON ('items=["a","b"]'). Overrides --param-file.
  --param-file FILE     A JSON object of parameter values ({"date": "2026-01-01"}).
  --wait                Follow the run: a line per activity as its status changes, then the
                        run's outcome. Exit 0 when it Succeeded, 1 when it Failed or was
                        Cancelled, 124 on --timeout.
  --timeout DURATION    With --wait: give up waiting after this long (90s, 5m, 2h, PT1H).
  --interval DURATION   With --wait: how often to poll (default 1s).
  --json                Print {"runId": ...}; with --wait, the final run (progress on stderr).

Connection: --server URL (or SLUICE_URL, default http://127.0.0.1:7070); the token from
SLUICE_TOKEN or <data dir>/token (--data-dir, SLUICE_HOME, default .sluice).`;

const command: Subcommand = {
  args: ["PIPELINE"],
  read: true,
  options: {
    ...factoryOption,
    param: { type: "string", multiple: true },
    "param-file": { type: "string" },
    wait: { type: "boolean" },
    ...runWaitOptions,
  },
  async run(ctx) {
    const pipeline = ctx.args[0]!;
    const factory = factoryOf(ctx);
    const file = ctx.string("param-file");
    const pairs = splitParamPairs(ctx.strings("param"));
    const fromFile = file === undefined ? {} : await paramFile(ctx.io.readFile, file);
    const client = await factoryClient(ctx);
    // The definition says which parameters are Array or Object (their flags are JSON), and an
    // unknown pipeline is reported before anything runs.
    const definition = await client.getPipeline(factory, pipeline);
    const fromFlags = paramFlags(pairs, declaredParameters(definition.properties));
    const parameters = mergeParameters(fromFile, fromFlags);
    const { runId } = await client.createRun(factory, definition.name, parameters);
    if (!ctx.flag("wait")) {
      ctx.io.out(ctx.json ? JSON.stringify({ runId }) : runId);
      return 0;
    }
    if (!ctx.json) ctx.io.out(`Started run ${runId} of ${definition.name}.`);
    return watchRun(ctx, client, factory, runId);
  },
};

/** `sluice run PIPELINE ...`: returns the exit code (0 started or succeeded, 1 failed or refused, 2 usage error, 124 timed out). */
export function runRun(argv: readonly string[], io: BatchIO): Promise<number> {
  return runCommand("sluice run", help, command, argv, io);
}
