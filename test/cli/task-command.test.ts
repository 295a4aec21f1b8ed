import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runTask } from "../../src/cli/commands/index.js";
import { runCli } from "./cli-harness.js";
import { FixtureServer, batchError } from "./fixture-server.js";

let server: FixtureServer;
const task = (argv: string[]) => runCli(runTask, argv, server);

beforeAll(async () => {
  server = await FixtureServer.start();
});
afterAll(() => server.close());
beforeEach(() => server.requests.splice(0));

async function jsonFile(content: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "sluice-cli-task-"));
  const file = join(dir, "tasks.json");
  await writeFile(file, JSON.stringify(content));
  return file;
}

const completed = (id: string, exitCode: number) => ({
  id,
  commandLine: `/bin/sh -c "exit ${exitCode}"`,
  state: "completed",
  executionInfo: {
    exitCode,
    retryCount: 1,
    requeueCount: 0,
    result: exitCode ? "failure" : "success",
  },
  nodeInfo: { nodeId: "node-1" },
});

describe("sluice task create", () => {
  it("adds one task from flags with dependencies, retries, limits and environment", async () => {
    server.on("POST", "/jobs/j1/tasks", { status: 201 });
    const result = await task([
      ...["create", "--job", "j1", "--id", "t3", "--command", "/bin/sh -c 'echo $A'"],
      ...["--depends-on", "t1,t2", "--depends-on", "t0", "--depends-on-range", "10-20"],
      ...["--retries", "3", "--max-wall-clock", "90s", "--retention", "PT1H", "--slots", "2"],
      ...["--env", "A=1"],
    ]);
    expect(result).toEqual({ code: 0, out: "Added task t3 to job j1.\n", err: "" });
    expect(server.requests[0]?.body).toEqual({
      id: "t3",
      commandLine: "/bin/sh -c 'echo $A'",
      environmentSettings: [{ name: "A", value: "1" }],
      constraints: { maxTaskRetryCount: 3, maxWallClockTime: "PT90S", retentionTime: "PT1H" },
      requiredSlots: 2,
      dependsOn: { taskIds: ["t1", "t2", "t0"], taskIdRanges: [{ start: 10, end: 20 }] },
    });
  });

  it("adds 250 tasks from a file in 3 addtaskcollection calls and summarises per task", async () => {
    server.on("POST", "/jobs/j1/addtaskcollection", (request) => ({
      json: {
        value: (request.body as { value: { id: string }[] }).value.map(({ id }) =>
          id === "t7" || id === "t201"
            ? {
                status: "clienterror",
                taskId: id,
                error: {
                  code: "TaskExists",
                  message: { lang: "en-US", value: "The specified task already exists." },
                },
              }
            : { status: "success", taskId: id },
        ),
      },
    }));
    const tasks = Array.from({ length: 250 }, (_, i) => ({
      id: `t${i}`,
      commandLine: "/bin/true",
    }));
    const result = await task(["create", "--job", "j1", "--file", await jsonFile(tasks)]);
    expect(result.code).toBe(1);
    expect(result.out).toBe(
      [
        "Added 248 of 250 task(s) to job j1 in 3 call(s). 2 refused:",
        "TASK  STATUS       CODE        MESSAGE",
        "t7    clienterror  TaskExists  The specified task already exists.",
        "t201  clienterror  TaskExists  The specified task already exists.",
        "",
      ].join("\n"),
    );
    const sizes = server.requests.map((r) => (r.body as { value: unknown[] }).value.length);
    expect(sizes).toEqual([100, 100, 50]);
    expect(result.err).toContain("adding tasks to job j1: 100/250");
  });

  it("accepts Batch's {value: [...]} body and a single task object", async () => {
    server.on("POST", "/jobs/j1/addtaskcollection", {
      json: { value: [{ status: "success", taskId: "a" }] },
    });
    server.on("POST", "/jobs/j1/tasks", { status: 201 });
    const collection = await task([
      "create",
      "--job",
      "j1",
      "--file",
      await jsonFile({ value: [{ id: "a", commandLine: "x" }] }),
    ]);
    expect(collection.out).toBe("Added 1 of 1 task(s) to job j1 in 1 call(s).\n");
    const one = await task([
      "create",
      "--job",
      "j1",
      "--file",
      await jsonFile({ id: "b", commandLine: "x" }),
    ]);
    expect(one.out).toBe("Added task b to job j1.\n");
    expect(server.requests.map((r) => r.path)).toEqual([
      "/jobs/j1/addtaskcollection",
      "/jobs/j1/tasks",
    ]);
  });

  it("refuses incomplete or bad flags, sending nothing", async () => {
    const cases: [string[], string][] = [
      [["create", "--id", "t"], "sluice task create needs --job JOB"],
      [["create", "--job", "j", "--id", "t"], "needs --command COMMAND"],
      [
        ["create", "--job", "j", "--id", "t", "--command", "x", "--max-wall-clock", "forever"],
        "--max-wall-clock must be a duration",
      ],
      [
        ["create", "--job", "j", "--id", "t", "--command", "x", "--depends-on-range", "9-1"],
        "--depends-on-range must be START-END",
      ],
      [
        ["create", "--job", "j", "--file", "/x.json", "--command", "x"],
        "--file cannot be combined with --command",
      ],
      [
        ["create", "--job", "j", "--id", "t", "--command", "x", "--retries", "-2"],
        "--retries must be an integer from -1 to 1000000, but it is '-2'.",
      ],
    ];
    for (const [argv, message] of cases) {
      const result = await task(argv);
      expect([result.code, result.err], argv.join(" ")).toEqual([
        2,
        expect.stringContaining(message),
      ]);
    }
    expect(server.requests).toHaveLength(0);
  });
});

describe("sluice task list, show and actions", () => {
  it("lists by state with Batch's $filter, following nextLink, in a table", async () => {
    server.on("GET", "/jobs/j1/tasks", (request) =>
      request.query.$skiptoken
        ? { json: { value: [completed("t-long", 2)] } }
        : {
            json: {
              value: [completed("t1", 0)],
              "odata.nextLink": `${server.url}/jobs/j1/tasks?$skiptoken=x&$filter=state%20eq%20'completed'`,
            },
          },
    );
    const result = await task(["list", "j1", "--state", "Completed"]);
    expect(server.requests[0]?.query.$filter).toBe("state eq 'completed'");
    expect(server.requests[1]?.query).toEqual({ $skiptoken: "x", $filter: "state eq 'completed'" });
    expect(result.out).toBe(
      [
        "ID      STATE      RESULT   EXIT  RETRIES  NODE    COMMAND",
        't1      completed  success  0     1        node-1  /bin/sh -c "exit 0"',
        't-long  completed  failure  2     1        node-1  /bin/sh -c "exit 2"',
        "",
      ].join("\n"),
    );
    const bad = await task(["list", "j1", "--state", "done"]);
    expect(bad.err).toContain(
      "--state must be one of active, preparing, running, completed, but it is 'done'.",
    );
  });

  it("shows a task as JSON and acts on it", async () => {
    server.on("GET", "/jobs/j1/tasks/t1", { json: completed("t1", 0) });
    server.on("POST", "/jobs/j1/tasks/t1/terminate", { status: 204 });
    server.on("POST", "/jobs/j1/tasks/t1/reactivate", { status: 204 });
    server.on("DELETE", "/jobs/j1/tasks/t1", { status: 200 });
    expect(JSON.parse((await task(["show", "j1", "t1", "--json"])).out)).toEqual(
      completed("t1", 0),
    );
    expect((await task(["show", "j1", "t1"])).out).toContain("executionInfo.exitCode      0\n");
    expect((await task(["terminate", "j1", "t1"])).out).toBe("Terminated task t1 of job j1.\n");
    await task(["reactivate", "j1", "t1"]);
    await task(["delete", "j1", "t1"]);
    expect(server.requests.slice(2).map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /jobs/j1/tasks/t1/terminate",
      "POST /jobs/j1/tasks/t1/reactivate",
      "DELETE /jobs/j1/tasks/t1",
    ]);
  });

  it("lists a task's files", async () => {
    server.on("GET", "/jobs/j1/tasks/t1/files", {
      json: {
        value: [
          {
            name: "stdout.txt",
            isDirectory: false,
            properties: { contentLength: 12, lastModified: "2024-05-01T12:00:00Z" },
          },
          { name: "wd", isDirectory: true },
        ],
      },
    });
    const result = await task(["files", "j1", "t1", "--recursive"]);
    expect(server.requests[0]?.query).toEqual({ recursive: "true" });
    expect(result.out).toBe(
      [
        "NAME        BYTES  MODIFIED",
        "stdout.txt  12     2024-05-01T12:00:00Z",
        "wd/         -      -",
        "",
      ].join("\n"),
    );
  });
});

describe("sluice task wait", () => {
  it("waits for one task and exits 1 when it failed", async () => {
    const states = [
      { id: "t1", commandLine: "x", state: "active" },
      {
        id: "t1",
        commandLine: "x",
        state: "running",
        nodeInfo: { nodeId: "node-2" },
        executionInfo: { retryCount: 1, requeueCount: 0 },
      },
      completed("t1", 3),
    ];
    let call = 0;
    server.on("GET", "/jobs/j1/tasks/t1", () => ({ json: states[Math.min(call++, 2)] }));
    const result = await task(["wait", "j1", "t1", "--interval", "1s"]);
    expect(result.code).toBe(1);
    expect(result.out).toBe(
      [
        "[00:00] task j1/t1: active",
        "[00:02] task j1/t1: completed: failure, exit code 3",
        "",
      ].join("\n"),
    );
  });

  it("without a task id waits for the whole job", async () => {
    server.on("GET", "/jobs/j1/taskcounts", {
      json: { taskCounts: { active: 0, running: 0, completed: 2, succeeded: 2, failed: 0 } },
    });
    const result = await task(["wait", "j1"]);
    expect([result.code, result.out]).toEqual([
      0,
      "[00:00] job j1: 2/2 completed, 0 running, 0 active\n",
    ]);
  });

  it("reports a missing task as Batch's error", async () => {
    server.on(
      "GET",
      "/jobs/j1/tasks/nope",
      batchError(404, "TaskNotFound", "The specified task does not exist."),
    );
    expect(await task(["wait", "j1", "nope"])).toMatchObject({
      code: 1,
      err: "error TaskNotFound: The specified task does not exist.\n",
    });
  });
});
