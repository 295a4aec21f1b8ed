import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runJob } from "../../src/cli/commands/index.js";
import { runCli } from "./cli-harness.js";
import { FixtureServer, batchError } from "./fixture-server.js";

let server: FixtureServer;
const job = (argv: string[], tty = false) => runCli(runJob, argv, server, { isTTY: tty });

beforeAll(async () => {
  server = await FixtureServer.start();
});
afterAll(() => server.close());
beforeEach(() => server.requests.splice(0));

const counts = (active: number, running: number, succeeded: number, failed: number) => ({
  taskCounts: { active, running, completed: succeeded + failed, succeeded, failed },
  taskSlotCounts: { active, running, completed: succeeded + failed, succeeded, failed },
});

/** Serves each count in turn, then repeats the last. */
function countsInTurn(jobId: string, sequence: ReturnType<typeof counts>[]): void {
  let call = 0;
  server.on("GET", `/jobs/${jobId}/taskcounts`, () => ({
    json: sequence[Math.min(call++, sequence.length - 1)],
  }));
}

describe("sluice job", () => {
  it("creates a job from flags", async () => {
    server.on("POST", "/jobs", { status: 201 });
    const result = await job([
      "create",
      "--id",
      "j1",
      "--pool",
      "p1",
      "--priority",
      "10",
      "--retries",
      "-1",
      "--uses-task-dependencies",
      "--on-all-tasks-complete",
      "TerminateJob",
      "--env",
      "A=1",
      "--env",
      "B=x=y",
    ]);
    expect(result).toEqual({ code: 0, out: "Created job j1.\n", err: "" });
    expect(server.requests[0]?.body).toEqual({
      id: "j1",
      poolInfo: { poolId: "p1" },
      priority: 10,
      constraints: { maxTaskRetryCount: -1 },
      usesTaskDependencies: true,
      onAllTasksComplete: "terminatejob",
      commonEnvironmentSettings: [
        { name: "A", value: "1" },
        { name: "B", value: "x=y" },
      ],
    });
  });

  it("refuses a job without a pool and bad values, sending nothing", async () => {
    expect((await job(["create", "--id", "j1"])).err).toContain(
      "sluice job create needs --pool POOL",
    );
    expect((await job(["create", "--id", "j", "--pool", "p", "--priority", "5000"])).err).toContain(
      "--priority must be an integer from -1000 to 1000, but it is '5000'.",
    );
    expect((await job(["create", "--id", "j", "--pool", "p", "--env", "NOVALUE"])).err).toContain(
      "--env must be NAME=VALUE, but it is 'NOVALUE'.",
    );
    expect((await job(["disable", "j1", "--tasks", "pause"])).err).toContain(
      "--tasks must be one of requeue, terminate, wait, but it is 'pause'.",
    );
    expect(server.requests).toHaveLength(0);
  });

  it("lists jobs and shows one with its task counts", async () => {
    const j1 = {
      id: "j1",
      state: "active",
      poolInfo: { poolId: "p1" },
      creationTime: "2024-05-01T12:00:00.000Z",
    };
    server.on("GET", "/jobs", {
      json: {
        value: [
          j1,
          { id: "nightly-etl", state: "completed", poolInfo: { poolId: "big" }, priority: 100 },
        ],
      },
    });
    server.on("GET", "/jobs/j1", { json: j1 });
    countsInTurn("j1", [counts(3, 2, 9, 1)]);
    expect((await job(["list"])).out).toBe(
      [
        "ID           STATE      POOL  PRIORITY  CREATED",
        "j1           active     p1    0         2024-05-01T12:00:00.000Z",
        "nightly-etl  completed  big   100       -",
        "",
      ].join("\n"),
    );
    const shown = await job(["show", "j1"]);
    expect(shown.out).toContain("poolInfo.poolId  p1\n");
    expect(shown.out).toContain("Tasks: 10/15 completed (1 failed), 2 running, 3 active\n");
    expect(JSON.parse((await job(["show", "j1", "--json"])).out).taskCounts.failed).toBe(1);
  });

  it("terminates, disables, enables and deletes", async () => {
    for (const path of ["/jobs/j1/terminate", "/jobs/j1/disable", "/jobs/j1/enable"]) {
      server.on("POST", path, { status: 202 });
    }
    server.on("DELETE", "/jobs/j1", { status: 202 });
    expect((await job(["terminate", "j1", "--reason", "enough"])).out).toBe(
      "Terminating job j1.\n",
    );
    await job(["disable", "j1"]);
    await job(["enable", "j1"]);
    await job(["delete", "j1"]);
    expect(server.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ["POST", "/jobs/j1/terminate", { terminateReason: "enough" }],
      ["POST", "/jobs/j1/disable", { disableTasks: "requeue" }],
      ["POST", "/jobs/j1/enable", undefined],
      ["DELETE", "/jobs/j1", undefined],
    ]);
  });

  it("prints a missing job as Batch's error", async () => {
    server.on(
      "GET",
      "/jobs/gone",
      batchError(404, "JobNotFound", "The specified job does not exist."),
    );
    expect(await job(["show", "gone"])).toEqual({
      code: 1,
      out: "",
      err: "error JobNotFound: The specified job does not exist.\n",
    });
  });
});

describe("sluice job wait", () => {
  it("redraws one progress line on a terminal and exits 0 when all succeeded", async () => {
    countsInTurn("w1", [counts(3, 0, 0, 0), counts(1, 2, 0, 0), counts(0, 0, 3, 0)]);
    const result = await job(["wait", "w1", "--interval", "2s"], true);
    expect(result.code).toBe(0);
    expect(result.out).toBe(
      "\r\x1b[K[00:00] job w1: 0/3 completed, 0 running, 3 active" +
        "\r\x1b[K[00:02] job w1: 0/3 completed, 2 running, 1 active" +
        "\r\x1b[K[00:04] job w1: 3/3 completed, 0 running, 0 active\n",
    );
    expect(server.calls("GET", "/jobs/w1/taskcounts")).toHaveLength(3);
  });

  it("prints plain lines when not a terminal, at most one per 5 s unless stuck for a minute", async () => {
    const sequence = [
      counts(4, 0, 0, 0),
      counts(3, 1, 0, 0), // 1 s later: changed, but too soon for a new line
      ...Array.from({ length: 6 }, () => counts(2, 2, 0, 0)),
      ...Array.from({ length: 70 }, () => counts(0, 1, 3, 0)), // unchanged: a heartbeat after 60 s
      counts(0, 0, 3, 1),
    ];
    countsInTurn("w2", sequence);
    const result = await job(["wait", "w2"]);
    expect(result.code).toBe(1);
    expect(result.out).toBe(
      [
        "[00:00] job w2: 0/4 completed, 0 running, 4 active",
        "[00:05] job w2: 0/4 completed, 2 running, 2 active",
        "[00:10] job w2: 3/4 completed, 1 running, 0 active",
        "[01:10] job w2: 3/4 completed, 1 running, 0 active",
        "[01:18] job w2: 4/4 completed (1 failed), 0 running, 0 active",
        "",
      ].join("\n"),
    );
    expect(result.err).toBe("1 task(s) failed; see: sluice task list w2 --state completed\n");
  });

  it("gives up after --timeout with exit code 124", async () => {
    countsInTurn("w3", [counts(5, 1, 0, 0)]);
    const result = await job(["wait", "w3", "--timeout", "10s", "--interval", "3s"]);
    expect(result.code).toBe(124);
    expect(result.err).toBe(
      "error Timeout: job w3 still has 6 task(s) not completed after 00:10.\n",
    );
    expect(server.calls("GET", "/jobs/w3/taskcounts")).toHaveLength(5);
  });

  it("with --json prints only the final counts on stdout", async () => {
    countsInTurn("w4", [counts(1, 0, 0, 0), counts(0, 0, 1, 0)]);
    const result = await job(["wait", "w4", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toEqual(counts(0, 0, 1, 0).taskCounts);
    expect(result.err).toContain("job w4: 1/1 completed");
  });
});
