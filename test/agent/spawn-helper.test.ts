import { readFile } from "node:fs/promises";
import * as path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runTask, SpawnHelper, type LaunchRequest } from "../../src/agent/index.js";
import { parseProcStat } from "../../src/agent/runner/process-group.js";
import { eventually, isDead, readPid, taskSpec, tempNodeRoot } from "./runner-support.js";

/** The agent's spawn helper (perl), with the contract of the direct launcher. */
describe("SpawnHelper", () => {
  let helper: SpawnHelper;
  let root: string;
  let dispose: () => Promise<void>;
  const started: number[] = [];
  beforeAll(async () => {
    const found = await SpawnHelper.start();
    if (found === undefined) throw new Error("perl is needed for these tests");
    helper = found;
  });
  afterAll(() => helper.close());
  beforeEach(async () => ({ root, dispose } = await tempNodeRoot()));
  afterEach(async () => {
    for (const pid of started.splice(0)) if (!(await isDead(pid))) process.kill(pid, "SIGKILL");
    await dispose();
  });

  const request = (args: string[], extra: Partial<LaunchRequest> = {}): LaunchRequest => ({
    file: "/bin/sh",
    argv0: "sh",
    args,
    cwd: root,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
    stdoutPath: path.join(root, "out.txt"),
    stderrPath: path.join(root, "err.txt"),
    ...extra,
  });

  it("runs a program with exactly the given environment, directory and output files", async () => {
    const tree = await helper.launch(
      request(["-c", 'echo "$A|$B|$HOME" ; pwd ; echo oops >&2 ; exit 5'], {
        env: { A: "x=y", B: "two words" },
      }),
    );
    expect(await tree.exited).toEqual({ exitCode: 5 });
    expect(await readFile(path.join(root, "out.txt"), "utf8")).toBe(`x=y|two words|\n${root}\n`);
    expect(await readFile(path.join(root, "err.txt"), "utf8")).toBe("oops\n");
  });

  it("passes arguments without a shell, and reports a signal as 128 + its number", async () => {
    const literal = await helper.launch({
      ...request([]),
      file: "/bin/echo",
      argv0: "echo",
      args: ["$HOME", "a  b"],
    });
    expect((await literal.exited).exitCode).toBe(0);
    expect(await readFile(path.join(root, "out.txt"), "utf8")).toBe("$HOME a  b\n");
    const killed = await helper.launch(request(["-c", "kill -TERM $$"]));
    expect(await killed.exited).toEqual({ exitCode: 143, signal: "SIGTERM" });
  });

  it("rejects with the errno code when the program cannot start", async () => {
    await expect(
      helper.launch({ ...request([]), file: path.join(root, "none"), argv0: "none" }),
    ).rejects.toMatchObject({ code: "ENOENT" });
    await expect(helper.launch({ ...request([]), file: root, argv0: "dir" })).rejects.toMatchObject(
      {
        code: "EACCES",
      },
    );
    await expect(
      helper.launch(request(["-c", "true"], { cwd: path.join(root, "missing") })),
    ).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("starts each process as the leader of its own process group, which killTree ends", async () => {
    const pidFile = path.join(root, "child.pid");
    const tree = await helper.launch(request(["-c", `sleep 30 & echo $! > ${pidFile}; wait`]));
    started.push(tree.pid);
    const stat = parseProcStat(await readFile(`/proc/${tree.pid}/stat`, "utf8"));
    expect(stat?.pgrp).toBe(tree.pid);
    await eventually(
      async () => (await readFile(pidFile, "utf8").catch(() => "")) !== "",
      "the pid file",
    );
    const grandchild = await readPid(pidFile);
    started.push(grandchild);
    await tree.killTree(2000);
    expect((await tree.exited).exitCode).toBe(143);
    await eventually(() => isDead(grandchild), "the grandchild is ended with its group");
  });

  it("runs tasks through runTask with Batch's contract", async () => {
    const result = await runTask(taskSpec(root, `/bin/sh -c "echo $AZ_BATCH_TASK_ID; exit 2"`), {
      launcher: helper.launch,
    });
    expect(result).toMatchObject({ exitCode: 2, failureKind: "exitCode" });
    expect(await readFile(result.stdoutPath, "utf8")).toBe("task1\n");
    const missing = await runTask(taskSpec(root, "no-such-program"), { launcher: helper.launch });
    expect(missing.failureInfo?.code).toBe("CommandProgramNotFound");
  });

  it("starts many processes at once and matches each exit to its process", async () => {
    const trees = await Promise.all(
      Array.from({ length: 20 }, (_, i) => helper.launch(request(["-c", `exit ${i}`]))),
    );
    const exits = await Promise.all(trees.map((tree) => tree.exited));
    expect(exits.map((exit) => exit.exitCode)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
});
