#!/usr/bin/env node
import { SluiceError } from "../core/index.js";
import {
  nodeCommands,
  runApp,
  runJob,
  runJobSchedule,
  runNode as runNodeAdmin,
  runPool,
  runRun,
  runRuns,
  runTask,
  runTrigger,
} from "./commands/index.js";
import { runDeploy } from "./deploy-command.js";
import { runSecret } from "./secret-command.js";
import { runEval } from "./eval-command.js";
import { runNode } from "./node-command.js";
import { runServer } from "./server-command.js";
import { runUp } from "./up-command.js";
import { runValidate } from "./validate-command.js";
import type { CommandIO } from "./command-io.js";

const usage = `Usage: sluice <command> [options]

Commands:
  eval '<expression>' [--scope FILE] [--param name=value]... [--now ISO]
      Evaluate an ADF expression and print the result as JSON.
  up [FACTORY_DIR] [--data-dir DIR] [--port 7070] [--nodes N] [--run PIPELINE]...
      Start the server, scheduler, web UI and local pools; deploy and start a factory.
  validate PATH [--parameters FILE] [--json]
      Check an ADF factory folder or ARM template; every problem at once.
  deploy PATH [--factory NAME] [--delete-missing] [--json]
      Validate a factory, then store all of it on the server in one transaction.
  run PIPELINE [--factory NAME] [--param name=value]... [--param-file FILE] [--wait] [--json]
      Start a pipeline run; --wait follows it with a line per activity.
  runs list|show|cancel|rerun|wait [--factory NAME] [--json]
      Monitor, cancel and rerun pipeline runs.
  trigger list|show|start|stop|runs|next|backfill|windows|rerun-window [--factory NAME] [--json]
      Manage triggers: start and stop them, see their runs and next fire times, backfill.
  server [--data-dir DIR] [--host 127.0.0.1] [--port 7070] [--db sqlite|postgres://...]
         [--missed-fires skip|catch-up]
      Serve the REST API.
  pool|job|task create|list|show|delete|... [--json]
      Manage Batch pools, jobs and tasks on a server (SLUICE_URL, SLUICE_TOKEN).
  jobschedule create|list|show|jobs|disable|enable|terminate|delete [--json]
      Manage Batch job schedules: jobs created on a recurrence.
  app upload|list|show|set|delete [--json]
      Manage Batch application packages: zips by version that pools and tasks reference.
  secret set|list|delete [VAULT NAME] [--data-dir DIR]
      Keep the secrets linked services reference in Azure Key Vault, on this machine.
  node list|show|reboot|remove|disable-scheduling|enable-scheduling POOL [NODE]
      Manage a pool's compute nodes.
  node --server URL --pool ID [--slots N] [--root DIR]
      Run a node agent that joins a pool (token from SLUICE_TOKEN or the data directory).

Run 'sluice <command> --help' for a command's options.`;

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[], io: CommandIO): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "eval":
      return runEval(rest, io);
    case "validate":
      return runValidate(rest, io);
    case "deploy":
      return runDeploy(rest, io);
    case "server":
      return runGuarded(() => runServer(rest, io, interrupted()), io);
    case "up":
      return runGuarded(() => runUp(rest, io, interrupted()), io);
    case "run":
      return runRun(rest, io);
    case "runs":
      return runRuns(rest, io);
    case "trigger":
      return runTrigger(rest, io);
    case "pool":
      return runPool(rest, io);
    case "job":
      return runJob(rest, io);
    case "jobschedule":
      return runJobSchedule(rest, io);
    case "secret":
      return runSecret(rest, io);
    case "app":
      return runApp(rest, io);
    case "task":
      return runTask(rest, io);
    case "node":
      // `sluice node list|show|reboot|remove` manages nodes; anything else runs the node agent.
      if (nodeCommands.includes(rest[0] ?? "")) return runNodeAdmin(rest, io);
      return runGuarded(() => runNode(rest, io, interrupted()), io);
    case undefined:
    case "help":
    case "--help":
    case "-h":
      io.out(usage);
      return command === undefined ? 2 : 0;
    default:
      io.err(
        `Unknown command '${command}'. Commands: eval, up, validate, deploy, run, runs, trigger, server, pool, job, jobschedule, task, node, app, secret.\n\n${usage}`,
      );
      return 2;
  }
}

/** Resolves on the first Ctrl-C or SIGTERM. */
function interrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
}

/** Runs a command, printing a SluiceError as `error <code>: <message>` with exit code 2. */
async function runGuarded(command: () => Promise<number>, io: CommandIO): Promise<number> {
  try {
    return await command();
  } catch (error) {
    if (!(error instanceof SluiceError)) throw error;
    io.err(`error ${error.code}: ${error.message}`);
    return 2;
  }
}

const io: CommandIO = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  readFile: async (path) => (await import("node:fs/promises")).readFile(path, "utf8"),
};

process.exitCode = await main(process.argv.slice(2), io);
