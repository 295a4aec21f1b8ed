import { readFile, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runTask } from "../../src/agent/index.js";
import { eventually, isDead, readPid, taskSpec, tempNodeRoot } from "./runner-support.js";

describe("runTask: processes", () => {
  let root: string;
  let dispose: () => Promise<void>;
  const started: number[] = [];
  beforeEach(async () => ({ root, dispose } = await tempNodeRoot()));
  afterEach(async () => {
    for (const pid of started.splice(0)) if (!(await isDead(pid))) process.kill(pid, "SIGKILL");
    await dispose();
  });

  it("runs without a shell: sh expands $HOME only when the task asks for sh", async () => {
    // The agent's HOME passes through only without isolation (run-task-isolation.test.ts).
    const env = {
      agentEnvironment: { PATH: process.env.PATH, HOME: "/home/agent" },
      taskIsolation: false,
    };
    const literal = await runTask(taskSpec(root, "echo $HOME 'a  b'"), env);
    expect(await readFile(literal.stdoutPath, "utf8")).toBe("$HOME a  b\n");
    const viaShell = await runTask(taskSpec(root, `/bin/sh -c "echo $HOME >&2"`), env);
    expect(await readFile(viaShell.stderrPath, "utf8")).toBe("/home/agent\n");
  });

  it("reports a missing program as CommandProgramNotFound instead of throwing", async () => {
    const result = await runTask(taskSpec(root, "no-such-program --flag"));
    expect(result).toMatchObject({ result: "failure", failureKind: "preProcessingError" });
    expect(result.failureInfo).toMatchObject({
      category: "usererror",
      code: "CommandProgramNotFound",
    });
    expect(result.failureInfo?.message).toContain("no-such-program");
    expect(result.exitCode).toBeUndefined();
    const unterminated = await runTask(taskSpec(root, `echo "open`));
    expect(unterminated.failureInfo?.code).toBe("CommandLaunchFailed");
  });

  it("reports a non-zero exit as FailureExitCode and a signal as 128 + its number", async () => {
    const failed = await runTask(taskSpec(root, "/bin/sh -c 'exit 3'"));
    expect(failed).toMatchObject({ result: "failure", exitCode: 3, failureKind: "exitCode" });
    expect(failed.failureInfo).toMatchObject({ category: "usererror", code: "FailureExitCode" });
    const signalled = await runTask(taskSpec(root, "/bin/sh -c 'kill -TERM $$'"));
    expect(signalled.exitCode).toBe(143);
  });

  it("streams stdout to stdout.txt while the task runs", async () => {
    const wd = path.join(root, "workitems", "job1", "job-1", "task1", "wd");
    const running = runTask(
      taskSpec(
        root,
        `/bin/sh -c 'echo started; while [ ! -e go ]; do sleep 0.02; done; echo done'`,
      ),
    );
    const stdout = path.join(wd, "..", "stdout.txt");
    await eventually(
      async () => (await readFile(stdout, "utf8").catch(() => "")) === "started\n",
      "the first line is visible",
    );
    await writeFile(path.join(wd, "go"), "");
    const result = await running;
    expect(result.result).toBe("success");
    expect(await readFile(stdout, "utf8")).toBe("started\ndone\n");
  });

  it("kills the whole process tree at maxWallClockTime and reports TaskEnded", async () => {
    const result = await runTask(
      taskSpec(root, `/bin/sh -c 'sleep 1000 & echo $! > bg.pid; sleep 1000'`, {
        maxWallClockTime: 300,
      }),
      { killGraceMs: 2000 },
    );
    const grandchild = await readPid(path.join(result.workingDir, "bg.pid"));
    started.push(grandchild);
    expect(result).toMatchObject({ result: "failure", failureKind: "timeout", exitCode: 143 });
    expect(result.failureInfo).toMatchObject({ category: "servererror", code: "TaskEnded" });
    await eventually(() => isDead(grandchild), "the background grandchild is gone");
  });

  it("escalates to SIGKILL when the tree ignores SIGTERM", async () => {
    const result = await runTask(
      taskSpec(root, `/bin/sh -c 'trap "" TERM; sleep 1000 & echo $! > bg.pid; wait'`, {
        maxWallClockTime: 300,
      }),
      { killGraceMs: 200 },
    );
    const grandchild = await readPid(path.join(result.workingDir, "bg.pid"));
    started.push(grandchild);
    expect(result).toMatchObject({ failureKind: "timeout", exitCode: 137 });
    await eventually(() => isDead(grandchild), "the TERM-proof grandchild is gone");
  });

  it("ends a running task on abort and says so", async () => {
    const controller = new AbortController();
    const wd = path.join(root, "workitems", "job1", "job-1", "task1", "wd");
    const running = runTask(taskSpec(root, `/bin/sh -c 'echo $$ > sh.pid; sleep 1000'`), {
      signal: controller.signal,
      killGraceMs: 2000,
    });
    await eventually(
      async () => (await readFile(path.join(wd, "sh.pid"), "utf8").catch(() => "")).endsWith("\n"),
      "the task started",
    );
    controller.abort("node shutting down");
    const result = await running;
    expect(result).toMatchObject({
      result: "failure",
      failureKind: "aborted",
      abortReason: "node shutting down",
    });
    expect(result.failureInfo).toMatchObject({ category: "usererror", code: "TaskEnded" });
    expect(await isDead(await readPid(path.join(wd, "sh.pid")))).toBe(true);
  });

  it("kills processes a task leaves behind, but not those of a start task", async () => {
    const task = await runTask(taskSpec(root, `/bin/sh -c 'sleep 1000 & echo $! > bg.pid'`), {
      killGraceMs: 2000,
    });
    const leftover = await readPid(path.join(task.workingDir, "bg.pid"));
    started.push(leftover);
    expect(task.result).toBe("success");
    await eventually(() => isDead(leftover), "the task's leftover is gone");

    const startTask = await runTask(
      taskSpec(root, `/bin/sh -c 'sleep 1000 & echo $! > daemon.pid'`, {
        kind: "startTask",
        jobId: undefined,
        taskId: undefined,
      }),
    );
    const daemon = await readPid(path.join(startTask.workingDir, "daemon.pid"));
    started.push(daemon);
    expect(await isDead(daemon)).toBe(false);
  });
});
