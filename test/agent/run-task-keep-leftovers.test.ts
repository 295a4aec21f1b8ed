import { statSync } from "node:fs";
import * as path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { runTask } from "../../src/agent/index.js";
import { eventually, isDead, readPid, taskSpec, tempNodeRoot } from "./runner-support.js";

let root: string;
let dispose: () => Promise<void>;
const started: number[] = [];
beforeEach(async () => ({ root, dispose } = await tempNodeRoot()));
afterEach(async () => {
  for (const pid of started.splice(0)) if (!(await isDead(pid))) process.kill(pid, "SIGKILL");
  await dispose();
});

it("keepLeftovers: what the command started keeps running until the caller ends it", async () => {
  const ends: (() => Promise<void>)[] = [];
  const task = await runTask(taskSpec(root, `/bin/sh -c 'sleep 1000 & echo $! > service.pid'`), {
    killGraceMs: 2000,
    keepLeftovers: (end) => ends.push(end),
  });
  const service = await readPid(path.join(task.workingDir, "service.pid"));
  started.push(service);
  expect(task.result).toBe("success");
  // The services' end, and under isolation the sealing of the task directory after them.
  expect(ends.length).toBeGreaterThanOrEqual(1);
  expect(await isDead(service)).toBe(false);
  await Promise.all(ends.map((end) => end()));
  await eventually(() => isDead(service), "the service is gone once ended");
});

// Only root can run tasks as users of their own; elsewhere there is no directory to seal.
it.runIf(process.getuid?.() === 0)(
  "keepLeftovers under isolation: the task directory stays the task's until ended",
  async () => {
    const ends: (() => Promise<void>)[] = [];
    const task = await runTask(taskSpec(root, `/bin/sh -c 'sleep 1000 & echo $! > service.pid'`), {
      killGraceMs: 2000,
      taskIsolation: true,
      keepLeftovers: (end) => ends.push(end),
    });
    started.push(await readPid(path.join(task.workingDir, "service.pid")));
    expect(statSync(task.taskDir).uid).not.toBe(0);
    await Promise.all(ends.map((end) => end()));
    expect(statSync(task.taskDir)).toMatchObject({ uid: 0, mode: 0o40700 });
  },
);
