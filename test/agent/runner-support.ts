import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { TaskRunSpec } from "../../src/agent/index.js";

/** A fresh node root in the system temp directory; `dispose` removes it. */
export async function tempNodeRoot(): Promise<{ root: string; dispose: () => Promise<void> }> {
  const root = await mkdtemp(path.join(tmpdir(), "sluice-node-"));
  return { root, dispose: () => rm(root, { recursive: true, force: true }) };
}

/** A task spec with defaults for everything but the command line. */
export function taskSpec(
  root: string,
  commandLine: string,
  extra: Partial<TaskRunSpec> = {},
): TaskRunSpec {
  return {
    nodeRootDir: root,
    accountName: "sluice",
    poolId: "pool1",
    nodeId: "node-1",
    jobId: "job1",
    taskId: "task1",
    commandLine,
    ...extra,
  };
}

/** True when `pid` is gone or a zombie nobody has reaped yet (it runs no more code). */
export async function isDead(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as { code?: string }).code === "ESRCH") return true;
    throw error;
  }
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  return stat === "" || / Z /.test(stat.slice(stat.lastIndexOf(")")));
}

/** Polls `check` until it holds, failing after `timeoutMs`: for effects of other processes. */
export async function eventually(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Reads a pid a task wrote into a file. */
export async function readPid(file: string): Promise<number> {
  return Number.parseInt((await readFile(file, "utf8")).trim(), 10);
}
