import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { nodeCommands, runNode } from "../../src/cli/commands/index.js";
import { runCli } from "./cli-harness.js";
import { FixtureServer } from "./fixture-server.js";

let server: FixtureServer;
const node = (argv: string[]) => runCli(runNode, argv, server);

beforeAll(async () => {
  server = await FixtureServer.start();
});
afterAll(() => server.close());
beforeEach(() => server.requests.splice(0));

const nodes = [
  {
    id: "tvm-1",
    state: "running",
    schedulingState: "enabled",
    runningTasksCount: 2,
    totalTasksRun: 40,
    totalTasksSucceeded: 39,
    ipAddress: "127.0.0.1",
  },
  { id: "tvm-2", state: "idle", schedulingState: "enabled" },
];

describe("sluice node", () => {
  it("lists a pool's nodes in a table and as JSON", async () => {
    server.on("GET", "/pools/p1/nodes", { json: { value: nodes } });
    expect((await node(["list", "p1"])).out).toBe(
      [
        "ID     STATE    SCHEDULING  RUNNING  RUN  SUCCEEDED  ADDRESS",
        "tvm-1  running  enabled     2        40   39         127.0.0.1",
        "tvm-2  idle     enabled     0        0    0          -",
        "",
      ].join("\n"),
    );
    expect(JSON.parse((await node(["list", "p1", "--json"])).out)).toEqual(nodes);
  });

  it("shows, reboots and removes nodes with Batch's bodies", async () => {
    server.on("GET", "/pools/p1/nodes/tvm-1", { json: nodes[0] });
    server.on("POST", "/pools/p1/nodes/tvm-1/reboot", { status: 202 });
    server.on("POST", "/pools/p1/removenodes", { status: 202 });
    expect((await node(["show", "p1", "tvm-1"])).out).toContain("schedulingState      enabled\n");
    expect((await node(["reboot", "p1", "tvm-1", "--option", "terminate"])).out).toBe(
      "Rebooting node tvm-1 of pool p1.\n",
    );
    expect((await node(["remove", "p1", "tvm-1", "tvm-2"])).out).toBe(
      "Removing 2 node(s) from pool p1: tvm-1, tvm-2.\n",
    );
    expect(server.requests.slice(1).map((r) => [r.path, r.body])).toEqual([
      ["/pools/p1/nodes/tvm-1/reboot", { nodeRebootOption: "terminate" }],
      ["/pools/p1/removenodes", { nodeList: ["tvm-1", "tvm-2"] }],
    ]);
  });

  it("needs at least one node to remove, and a known option", async () => {
    expect((await node(["remove", "p1"])).err).toContain(
      "sluice node remove takes POOL NODE..., but 1 argument was given: p1.",
    );
    expect((await node(["reboot", "p1", "n", "--option", "now"])).code).toBe(2);
    expect(server.requests).toHaveLength(0);
  });

  it("disables and enables task scheduling with Batch's bodies", async () => {
    server.on("POST", "/pools/p1/nodes/tvm-1/disablescheduling", { status: 200 });
    server.on("POST", "/pools/p1/nodes/tvm-1/enablescheduling", { status: 200 });
    expect(
      (await node(["disable-scheduling", "p1", "tvm-1", "--option", "TaskCompletion"])).out,
    ).toBe("Task scheduling disabled on node tvm-1 of pool p1.\n");
    expect((await node(["disable-scheduling", "p1", "tvm-1"])).code).toBe(0);
    expect((await node(["enable-scheduling", "p1", "tvm-1"])).out).toBe(
      "Task scheduling enabled on node tvm-1 of pool p1.\n",
    );
    expect(server.requests.map((r) => [r.path, r.body])).toEqual([
      [
        "/pools/p1/nodes/tvm-1/disablescheduling",
        { nodeDisableSchedulingOption: "taskcompletion" },
      ],
      ["/pools/p1/nodes/tvm-1/disablescheduling", {}],
      ["/pools/p1/nodes/tvm-1/enablescheduling", undefined],
    ]);
    server.requests.splice(0);
    const refused = await node(["disable-scheduling", "p1", "tvm-1", "--option", "retaineddata"]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("--option must be one of requeue, terminate, taskcompletion");
    expect(server.requests).toHaveLength(0);
  });

  it("names the commands main.ts routes here rather than to the node agent", () => {
    expect(nodeCommands).toEqual([
      "list",
      "show",
      "reboot",
      "remove",
      "disable-scheduling",
      "enable-scheduling",
    ]);
  });
});
