// `sluice node list|show|reboot|remove|disable-scheduling|enable-scheduling`: a pool's compute nodes. (`sluice node --server URL
// --pool ID` without one of these commands is the node agent, dispatched by main.ts.)
import { nodeDeallocationOptions, type ComputeNode } from "../../client/index.js";
import type { BatchIO } from "./batch-io.js";
import { enumFlag } from "./flags.js";
import { runNoun, type CommandContext, type Subcommand } from "./run-command.js";
import { cell, renderDetails, renderTable, toJson } from "./table.js";

const help = `Usage: sluice node <command> [options]

Commands:
  list POOL [--json]              List a pool's compute nodes.
  show POOL NODE [--json]         Show one node.
  reboot POOL NODE [--option requeue|terminate|taskcompletion|retaineddata]
                                  Restart the node's agent (default option: requeue).
  remove POOL NODE... [--option requeue|terminate|taskcompletion|retaineddata]
                                  Remove nodes from the pool (default option: requeue).
  disable-scheduling POOL NODE [--option requeue|terminate|taskcompletion]
                                  The node takes no new tasks; its running ones are
                                  requeued (default), terminated, or left to finish.
  enable-scheduling POOL NODE     The node takes tasks again.

(The node agent itself is 'sluice node --server URL --pool ID'.)

Connection (every command): --server URL (or SLUICE_URL, default http://127.0.0.1:7070);
the token from SLUICE_TOKEN or <data dir>/token (--data-dir, SLUICE_HOME, default .sluice).`;

function nodeRow(node: ComputeNode): string[] {
  return [
    node.id,
    node.state,
    node.schedulingState,
    cell(node.runningTasksCount ?? 0),
    cell(node.totalTasksRun ?? 0),
    cell(node.totalTasksSucceeded ?? 0),
    cell(node.ipAddress),
  ];
}

/** Batch's `nodeDisableSchedulingOption` values. */
const schedulingOptions = ["requeue", "terminate", "taskcompletion"] as const;

function deallocation(ctx: CommandContext) {
  const option = ctx.string("option");
  return option === undefined ? undefined : enumFlag("option", option, nodeDeallocationOptions);
}

const verbs: Record<string, Subcommand> = {
  list: {
    args: ["POOL"],
    read: true,
    async run(ctx) {
      const nodes = await (await ctx.client()).listAllNodes(ctx.args[0]!);
      if (ctx.json) ctx.io.out(toJson(nodes));
      else if (!nodes.length) ctx.io.out(`Pool ${ctx.args[0]} has no nodes.`);
      else {
        const headers = ["ID", "STATE", "SCHEDULING", "RUNNING", "RUN", "SUCCEEDED", "ADDRESS"];
        ctx.io.out(renderTable(headers, nodes.map(nodeRow)));
      }
      return 0;
    },
  },
  show: {
    args: ["POOL", "NODE"],
    read: true,
    async run(ctx) {
      const node = await (await ctx.client()).getNode(ctx.args[0]!, ctx.args[1]!);
      ctx.io.out(ctx.json ? toJson(node) : renderDetails(node));
      return 0;
    },
  },
  reboot: {
    args: ["POOL", "NODE"],
    options: { option: { type: "string" } },
    async run(ctx) {
      const option = deallocation(ctx);
      const [pool = "", node = ""] = ctx.args;
      await (await ctx.client()).rebootNode(pool, node, option ? { nodeRebootOption: option } : {});
      ctx.io.out(`Rebooting node ${node} of pool ${pool}.`);
      return 0;
    },
  },
  remove: {
    args: ["POOL", "NODE..."],
    options: { option: { type: "string" } },
    async run(ctx) {
      const option = deallocation(ctx);
      const [pool = "", ...nodeList] = ctx.args;
      await (
        await ctx.client()
      ).removeNodes(pool, {
        nodeList,
        ...(option ? { nodeDeallocationOption: option } : {}),
      });
      ctx.io.out(`Removing ${nodeList.length} node(s) from pool ${pool}: ${nodeList.join(", ")}.`);
      return 0;
    },
  },
  "disable-scheduling": {
    args: ["POOL", "NODE"],
    options: { option: { type: "string" } },
    async run(ctx) {
      const text = ctx.string("option");
      const option = text === undefined ? undefined : enumFlag("option", text, schedulingOptions);
      const [pool = "", node = ""] = ctx.args;
      await (await ctx.client()).disableNodeScheduling(pool, node, option);
      ctx.io.out(`Task scheduling disabled on node ${node} of pool ${pool}.`);
      return 0;
    },
  },
  "enable-scheduling": {
    args: ["POOL", "NODE"],
    async run(ctx) {
      const [pool = "", node = ""] = ctx.args;
      await (await ctx.client()).enableNodeScheduling(pool, node);
      ctx.io.out(`Task scheduling enabled on node ${node} of pool ${pool}.`);
      return 0;
    },
  },
};

/** The commands of {@link runNode}; any other first argument is the node agent's. */
export const nodeCommands: readonly string[] = Object.keys(verbs);

/** `sluice node list|show|reboot|remove|...-scheduling`: returns the exit code (0 done, 1 API error, 2 usage error). */
export function runNode(argv: readonly string[], io: BatchIO): Promise<number> {
  return runNoun("node", help, verbs, argv, io);
}
