#!/usr/bin/env node
import { SluiceError } from "../core/index.js";
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
  trigger list|show|start|stop|runs|next|backfill|windows|rerun-window|cancel-window [--factory NAME] [--json]
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
  // Each command's module loads only when it runs: `sluice eval` or a client command must not
  // pay for loading the server (DuckDB, the Azure SDK, the database drivers) at every call.
  switch (command) {
    case "eval":
      return (await import("./eval-command.js")).runEval(rest, io);
    case "validate":
      return (await import("./validate-command.js")).runValidate(rest, io);
    case "deploy":
      return (await import("./deploy-command.js")).runDeploy(rest, io);
    case "server": {
      const { runServer } = await import("./server-command.js");
      return runGuarded(() => runServer(rest, io, interrupted()), io);
    }
    case "up": {
      const { runUp } = await import("./up-command.js");
      return runGuarded(() => runUp(rest, io, interrupted()), io);
    }
    case "run":
      return (await import("./commands/run.js")).runRun(rest, io);
    case "runs":
      return (await import("./commands/runs.js")).runRuns(rest, io);
    case "trigger":
      return (await import("./commands/trigger.js")).runTrigger(rest, io);
    case "pool":
      return (await import("./commands/pool.js")).runPool(rest, io);
    case "job":
      return (await import("./commands/job.js")).runJob(rest, io);
    case "jobschedule":
      return (await import("./commands/job-schedule.js")).runJobSchedule(rest, io);
    case "secret":
      return (await import("./secret-command.js")).runSecret(rest, io);
    case "app":
      return (await import("./commands/app.js")).runApp(rest, io);
    case "task":
      return (await import("./commands/task.js")).runTask(rest, io);
    case "node": {
      // `sluice node list|show|reboot|remove` manages nodes; anything else runs the node agent.
      const admin = await import("./commands/node.js");
      if (admin.nodeCommands.includes(rest[0] ?? "")) return admin.runNode(rest, io);
      const { runNode } = await import("./node-command.js");
      return runGuarded(() => runNode(rest, io, interrupted()), io);
    }
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
