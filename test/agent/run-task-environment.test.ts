import { readFile, stat } from "node:fs/promises";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock, isSluiceError } from "../../src/core/index.js";
import { runTask } from "../../src/agent/index.js";
import { taskSpec, tempNodeRoot } from "./runner-support.js";

// Prints the environment and working directory as JSON, through node (no shell involved).
const dumpEnv = `${process.execPath} -e "console.log(JSON.stringify({cwd: process.cwd(), env: process.env}))"`;

interface Dump {
  cwd: string;
  env: Record<string, string>;
}

describe("runTask: layout and environment", () => {
  let root: string;
  let dispose: () => Promise<void>;
  beforeEach(async () => ({ root, dispose } = await tempNodeRoot()));
  afterEach(async () => dispose());

  const run = async (extra: Parameters<typeof taskSpec>[2]) => {
    const result = await runTask(taskSpec(root, dumpEnv, extra), {
      agentEnvironment: { PATH: process.env.PATH, HOME: "/home/agent", SLUICE_TOKEN: "secret" },
    });
    return { result, dump: JSON.parse(await readFile(result.stdoutPath, "utf8")) as Dump };
  };

  it("runs a task in workitems/<job>/job-1/<task>/wd with Batch's variables and none of the agent's secrets", async () => {
    const clock = new ManualClock(Date.UTC(2024, 0, 2));
    const result = await runTask(
      taskSpec(root, dumpEnv, { jobPreparationTaskId: "jobpreparation" }),
      {
        clock,
        agentEnvironment: { PATH: process.env.PATH, HOME: "/home/agent", SLUICE_TOKEN: "secret" },
        // The agent's HOME passes through only without isolation (run-task-isolation.test.ts).
        taskIsolation: false,
      },
    );
    const dump = JSON.parse(await readFile(result.stdoutPath, "utf8")) as Dump;
    const taskDir = path.join(root, "workitems", "job1", "job-1", "task1");
    expect(result).toMatchObject({
      result: "success",
      exitCode: 0,
      taskDir,
      workingDir: path.join(taskDir, "wd"),
    });
    expect(result.stdoutPath).toBe(path.join(taskDir, "stdout.txt"));
    expect(result.startTime.toISOString()).toBe("2024-01-02T00:00:00.000Z");
    expect(dump.cwd).toBe(path.join(taskDir, "wd"));
    expect(dump.env).toMatchObject({
      AZ_BATCH_NODE_ROOT_DIR: root,
      AZ_BATCH_NODE_SHARED_DIR: path.join(root, "shared"),
      AZ_BATCH_NODE_STARTUP_DIR: path.join(root, "startup"),
      AZ_BATCH_TASK_DIR: taskDir,
      AZ_BATCH_TASK_WORKING_DIR: path.join(taskDir, "wd"),
      AZ_BATCH_JOB_ID: "job1",
      AZ_BATCH_TASK_ID: "task1",
      AZ_BATCH_NODE_ID: "node-1",
      AZ_BATCH_POOL_ID: "pool1",
      AZ_BATCH_NODE_IS_DEDICATED: "true",
      AZ_BATCH_ACCOUNT_NAME: "sluice",
      AZ_BATCH_JOB_PREP_DIR: path.join(root, "workitems", "job1", "job-1", "jobpreparation"),
      AZ_BATCH_JOB_PREP_WORKING_DIR: path.join(
        root,
        "workitems",
        "job1",
        "job-1",
        "jobpreparation",
        "wd",
      ),
      HOME: "/home/agent",
    });
    expect(dump.env.SLUICE_TOKEN).toBeUndefined();
    expect((await stat(path.join(root, "shared"))).isDirectory()).toBe(true);
  });

  it("lets task settings override the job's common settings but never AZ_BATCH_* variables", async () => {
    const { dump } = await run({
      commonEnvironmentSettings: [
        { name: "MODE", value: "job" },
        { name: "ONLY_JOB", value: "1" },
      ],
      environmentSettings: [
        { name: "MODE", value: "task" },
        { name: "AZ_BATCH_TASK_ID", value: "forged" },
      ],
    });
    expect(dump.env).toMatchObject({ MODE: "task", ONLY_JOB: "1", AZ_BATCH_TASK_ID: "task1" });
    expect(dump.env.AZ_BATCH_JOB_PREP_DIR).toBeUndefined();
  });

  it("runs the pool start task in startup/ without job or task ids", async () => {
    const { result, dump } = await run({ kind: "startTask", jobId: undefined, taskId: undefined });
    expect(result.taskDir).toBe(path.join(root, "startup"));
    expect(dump.cwd).toBe(path.join(root, "startup", "wd"));
    expect(dump.env.AZ_BATCH_TASK_DIR).toBe(path.join(root, "startup"));
    expect(dump.env.AZ_BATCH_JOB_ID).toBeUndefined();
    expect(dump.env.AZ_BATCH_TASK_ID).toBeUndefined();
  });

  it("runs job preparation and release tasks in the job directory under their own ids", async () => {
    const prep = await run({
      kind: "jobPreparationTask",
      taskId: "jobpreparation",
      jobPreparationTaskId: "jobpreparation",
    });
    expect(prep.dump.cwd).toBe(
      path.join(root, "workitems", "job1", "job-1", "jobpreparation", "wd"),
    );
    expect(prep.dump.env.AZ_BATCH_JOB_PREP_WORKING_DIR).toBe(prep.dump.cwd);
    const release = await run({
      kind: "jobReleaseTask",
      taskId: "jobrelease",
      jobPreparationTaskId: "jobpreparation",
    });
    expect(release.dump.cwd).toBe(
      path.join(root, "workitems", "job1", "job-1", "jobrelease", "wd"),
    );
    expect(release.dump.env.AZ_BATCH_TASK_ID).toBe("jobrelease");
  });

  it("refuses a spec the agent should never build, naming the field", async () => {
    for (const bad of [
      taskSpec("relative/root", "true"),
      taskSpec(root, "true", { taskId: "../escape" }),
      taskSpec(root, "true", { maxWallClockTime: -1 }),
    ]) {
      const error: unknown = await runTask(bad).catch((caught: unknown) => caught);
      expect(isSluiceError(error, "InvalidArgument")).toBe(true);
    }
  });
});
