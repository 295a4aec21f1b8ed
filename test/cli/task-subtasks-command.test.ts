import { afterAll, beforeAll, expect, it } from "vitest";
import { runTask } from "../../src/cli/commands/index.js";
import { runCli } from "./cli-harness.js";
import { FixtureServer } from "./fixture-server.js";

let server: FixtureServer;
const task = (argv: string[]) => runCli(runTask, argv, server);

beforeAll(async () => {
  server = await FixtureServer.start();
});
afterAll(() => server.close());

const subtask = (id: number, exitCode: number) => ({
  id,
  state: "completed",
  stateTransitionTime: "2026-01-01T00:00:02Z",
  exitCode,
  result: exitCode === 0 ? "success" : "failure",
  nodeInfo: { nodeId: `node-${id}`, poolId: "p" },
});

it("sluice task subtasks lists a multi-instance task's subtasks from subtasksinfo", async () => {
  server.on("GET", "/jobs/j1/tasks/mpi/subtasksinfo", {
    json: { value: [subtask(1, 0), subtask(2, 3)] },
  });
  const result = await task(["subtasks", "j1", "mpi"]);
  expect(result.code).toBe(0);
  expect(result.out).toBe(
    [
      "ID  STATE      RESULT   EXIT  NODE",
      "1   completed  success  0     node-1",
      "2   completed  failure  3     node-2",
      "",
    ].join("\n"),
  );
  const json = await task(["subtasks", "j1", "mpi", "--json"]);
  expect(JSON.parse(json.out)).toEqual([subtask(1, 0), subtask(2, 3)]);
});

it("says so when a task has no subtasks", async () => {
  server.on("GET", "/jobs/j1/tasks/plain/subtasksinfo", { json: { value: [] } });
  expect((await task(["subtasks", "j1", "plain"])).out).toBe("No subtasks.\n");
});
