// `sluice pool ...`: Batch pools.
import {
  nodeDeallocationOptions,
  type CloudPool,
  type PoolAddParameter,
} from "../../client/index.js";
import type { BatchIO } from "./batch-io.js";
import { durationIso, enumFlag, intFlag, readJsonFile, usageError } from "./flags.js";
import { runNoun, type CommandContext, type Subcommand } from "./run-command.js";
import { cell, renderDetails, renderTable, toJson } from "./table.js";
import { rejectWithFile, requireObject, requireString } from "./create-input.js";
import { autoScaleHelp, autoScaleVerbs, compactAutoScaleRun } from "./pool-autoscale.js";

const help = `Usage: sluice pool <command> [options]

Commands:
  create --file FILE              Add a pool from Batch's pool add JSON (PoolAddParameter).
  create --id ID [--vm-size SIZE] [--target-nodes N] [--slots N] [--external]
         [--fill-type spread|pack] [--start-task COMMAND]
                                  Add a pool from flags. Defaults: --vm-size local,
                                  --target-nodes 1, --slots 1, embedded local nodes
                                  (--external: agents join from other machines).
  list [--json]                   List pools.
  show ID [--json]                Show one pool (with its last autoscale run).
  delete ID                       Delete a pool.
  resize ID --target N [--deallocation requeue|terminate|taskcompletion|retaineddata]
         [--timeout DURATION]     Change the target node count (default option: requeue).
  stopresize ID                   Stop a resize.
${autoScaleHelp}

Connection (every command): --server URL (or SLUICE_URL, default http://127.0.0.1:7070);
the token from SLUICE_TOKEN or <data dir>/token (--data-dir, SLUICE_HOME, default .sluice).`;

const flagFields = [
  "id",
  "vm-size",
  "target-nodes",
  "slots",
  "external",
  "fill-type",
  "start-task",
];

/** The pool add body from `--file` or from flags. */
async function poolBody(ctx: CommandContext): Promise<PoolAddParameter> {
  const file = ctx.string("file");
  if (file !== undefined) {
    rejectWithFile(ctx, flagFields);
    return requireObject(
      await readJsonFile(ctx.io.readFile, file),
      file,
    ) as unknown as PoolAddParameter;
  }
  const id = requireString(ctx, "id", "--id ID (or --file FILE)");
  const fill = ctx.string("fill-type");
  const start = ctx.string("start-task");
  const target = ctx.string("target-nodes");
  const slots = ctx.string("slots");
  return {
    id,
    vmSize: ctx.string("vm-size") ?? "local",
    targetDedicatedNodes: target === undefined ? 1 : intFlag("target-nodes", target, 0, 10_000),
    taskSlotsPerNode: slots === undefined ? 1 : intFlag("slots", slots, 1, 256),
    ...(ctx.flag("external") ? { sluiceExternalNodes: true } : {}),
    ...(fill === undefined
      ? {}
      : {
          taskSchedulingPolicy: { nodeFillType: enumFlag("fill-type", fill, ["spread", "pack"]) },
        }),
    ...(start === undefined ? {} : { startTask: { commandLine: start, waitForSuccess: true } }),
  };
}

function poolRow(pool: CloudPool): string[] {
  return [
    pool.id,
    pool.state,
    pool.allocationState,
    pool.vmSize,
    `${pool.currentDedicatedNodes ?? 0}/${pool.targetDedicatedNodes ?? 0}`,
    cell(pool.taskSlotsPerNode ?? 1),
    pool.sluiceExternalNodes ? "external" : "embedded",
  ];
}

/** The pool with its last autoscale run last, one line each for time, results and error. */
function withCompactRun(pool: CloudPool): object {
  const { autoScaleRun, ...rest } = pool;
  return autoScaleRun === undefined
    ? pool
    : { ...rest, autoScaleRun: compactAutoScaleRun(autoScaleRun) };
}

const verbs: Record<string, Subcommand> = {
  create: {
    options: {
      file: { type: "string" },
      id: { type: "string" },
      "vm-size": { type: "string" },
      "target-nodes": { type: "string" },
      slots: { type: "string" },
      external: { type: "boolean" },
      "fill-type": { type: "string" },
      "start-task": { type: "string" },
    },
    async run(ctx) {
      const body = await poolBody(ctx);
      await (await ctx.client()).addPool(body);
      ctx.io.out(`Created pool ${body.id}.`);
      return 0;
    },
  },
  list: {
    read: true,
    async run(ctx) {
      const pools = await (await ctx.client()).listAllPools();
      if (ctx.json) ctx.io.out(toJson(pools));
      else if (!pools.length) ctx.io.out("No pools.");
      else {
        const headers = ["ID", "STATE", "ALLOCATION", "VM SIZE", "NODES", "SLOTS", "NODE KIND"];
        ctx.io.out(renderTable(headers, pools.map(poolRow)));
      }
      return 0;
    },
  },
  show: {
    args: ["ID"],
    read: true,
    async run(ctx) {
      const pool = await (await ctx.client()).getPool(ctx.args[0]!);
      ctx.io.out(ctx.json ? toJson(pool) : renderDetails(withCompactRun(pool)));
      return 0;
    },
  },
  delete: {
    args: ["ID"],
    async run(ctx) {
      await (await ctx.client()).deletePool(ctx.args[0]!);
      ctx.io.out(`Deleting pool ${ctx.args[0]}.`);
      return 0;
    },
  },
  resize: {
    args: ["ID"],
    options: {
      target: { type: "string" },
      deallocation: { type: "string" },
      timeout: { type: "string" },
    },
    async run(ctx) {
      const target = ctx.string("target");
      if (target === undefined) {
        throw usageError("target", `${ctx.name} needs --target N, the new dedicated node count.`);
      }
      const option = ctx.string("deallocation");
      const timeout = ctx.string("timeout");
      const body = {
        targetDedicatedNodes: intFlag("target", target, 0, 10_000),
        ...(option === undefined
          ? {}
          : { nodeDeallocationOption: enumFlag("deallocation", option, nodeDeallocationOptions) }),
        ...(timeout === undefined ? {} : { resizeTimeout: durationIso("timeout", timeout) }),
      };
      await (await ctx.client()).resizePool(ctx.args[0]!, body);
      ctx.io.out(`Resizing pool ${ctx.args[0]} to ${body.targetDedicatedNodes} node(s).`);
      return 0;
    },
  },
  stopresize: {
    args: ["ID"],
    async run(ctx) {
      await (await ctx.client()).stopResizePool(ctx.args[0]!);
      ctx.io.out(`Stopping the resize of pool ${ctx.args[0]}.`);
      return 0;
    },
  },
};

/** `sluice pool <command>`: returns the exit code (0 done, 1 API error, 2 usage error). */
export function runPool(argv: readonly string[], io: BatchIO): Promise<number> {
  if (argv[0] === "autoscale")
    return runNoun("pool autoscale", help, autoScaleVerbs, argv.slice(1), io);
  return runNoun("pool", help, verbs, argv, io);
}
