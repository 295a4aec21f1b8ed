import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  SpawnHelper,
  firstIsolatedId,
  poolAutoUserId,
  startTaskUserId,
  runTask,
  taskIsolationEnabled,
  type RunTaskOptions,
  type TaskRunResult,
} from "../../src/agent/index.js";
import { taskSpec, tempNodeRoot } from "./runner-support.js";

// Task isolation needs root (only root starts processes as other users). The machine and CI
// run these as root; anywhere else each test checks that isolation is off instead.
const isRoot = process.getuid?.() === 0;

/** Runs `script` with sh as task `taskId` of `jobId`; returns the result and its stdout/stderr. */
async function shTask(
  root: string,
  taskId: string,
  script: string,
  extra: Parameters<typeof taskSpec>[2] = {},
  options: RunTaskOptions = {},
): Promise<{ result: TaskRunResult; stdout: string; stderr: string }> {
  const result = await runTask(
    taskSpec(root, `/bin/sh -c ${JSON.stringify(script)}`, { taskId, ...extra }),
    options,
  );
  return {
    result,
    stdout: await readFile(result.stdoutPath, "utf8"),
    stderr: await readFile(result.stderrPath, "utf8"),
  };
}

const whoami = 'echo "$(id -u) $(id -g)"';

describe("runTask: task isolation", () => {
  let root: string;
  let dispose: () => Promise<void>;
  beforeEach(async () => ({ root, dispose } = await tempNodeRoot()));
  afterEach(async () => dispose());

  it("is on exactly when the agent is root and SLUICE_TASK_ISOLATION is not off", async () => {
    expect(taskIsolationEnabled({})).toBe(isRoot);
    expect(taskIsolationEnabled({ SLUICE_TASK_ISOLATION: "off" })).toBe(false);
    expect(taskIsolationEnabled({ SLUICE_TASK_ISOLATION: " OFF " })).toBe(false);
    const { stdout } = await shTask(root, "t1", whoami);
    const [uid] = stdout.trim().split(" ").map(Number);
    if (isRoot) expect(uid).toBeGreaterThanOrEqual(firstIsolatedId);
    else expect(uid).toBe(process.getuid?.());
    const off = await shTask(root, "t2", whoami, {}, { taskIsolation: false });
    expect(off.stdout).toBe(`${process.getuid?.()} ${process.getgid?.()}\n`);
  });

  it("denies a task its sibling's files, and writing into another task's dir or the node root", async () => {
    const first = await shTask(root, "a", "echo secret > mine.txt");
    expect(first.result.result).toBe("success");
    const siblingFile = path.join(first.result.workingDir, "mine.txt");
    const read = await shTask(
      root,
      "b",
      `cat "$AZ_BATCH_NODE_ROOT_DIR/workitems/job1/job-1/a/wd/mine.txt"`,
    );
    const writeSibling = await shTask(
      root,
      "c",
      `echo x > "${first.result.workingDir}/planted.txt"`,
    );
    const writeRoot = await shTask(root, "d", `echo x > "$AZ_BATCH_NODE_ROOT_DIR/planted.txt"`);
    const writeJob = await shTask(
      root,
      "e",
      `mkdir "$AZ_BATCH_NODE_ROOT_DIR/workitems/job1/job-1/f"`,
    );
    if (!isRoot) {
      // Not root: isolation is off, every task is the agent's user and may do all of this.
      expect(taskIsolationEnabled()).toBe(false);
      expect(read.stdout).toBe("secret\n");
      return;
    }
    for (const denied of [read, writeSibling, writeRoot, writeJob]) {
      expect(denied.result.result).toBe("failure");
      expect(denied.stderr).toMatch(/Permission denied/);
    }
    expect(read.stdout).toBe("");
    expect(await readFile(siblingFile, "utf8")).toBe("secret\n");
  });

  it("lets a task write in its own wd, its HOME, /its task dir and the shared dir", async () => {
    const script = [
      "echo own > own.txt",
      'echo home > "$HOME/home.txt"',
      'echo shared > "$AZ_BATCH_NODE_SHARED_DIR/from-task.txt"',
      'cat "$AZ_BATCH_TASK_DIR/stdout.txt" >/dev/null',
      'test "$HOME" = "$AZ_BATCH_TASK_WORKING_DIR"',
    ].join(" && ");
    const { result, stderr } = await shTask(root, "w", script);
    expect(stderr).toBe("");
    expect(result.result).toBe("success");
    expect(await readFile(path.join(root, "shared", "from-task.txt"), "utf8")).toBe("shared\n");
    const shared = await stat(path.join(root, "shared"));
    if (isRoot) expect(shared.mode & 0o7777).toBe(0o1777);
    // Another task reads the shared file but, the dir being sticky, cannot delete it.
    const other = await shTask(
      root,
      "w2",
      'cat "$AZ_BATCH_NODE_SHARED_DIR/from-task.txt"; rm -f "$AZ_BATCH_NODE_SHARED_DIR/from-task.txt"',
    );
    expect(other.stdout).toBe("shared\n");
    if (isRoot) expect(other.stderr).toMatch(/Operation not permitted|Permission denied/);
  });

  it("hands each task a user of its own, and back to root 0700 once it ended", async () => {
    const a = await shTask(root, "a", whoami);
    const b = await shTask(root, "b", whoami);
    if (!isRoot) {
      expect(taskIsolationEnabled()).toBe(false);
      expect(a.stdout).toBe(b.stdout);
      return;
    }
    const [uidA, gidA] = a.stdout.trim().split(" ").map(Number);
    const [uidB, gidB] = b.stdout.trim().split(" ").map(Number);
    expect(uidA).not.toBe(uidB);
    expect(uidA).toBeGreaterThanOrEqual(firstIsolatedId);
    // One job, one group.
    expect(gidA).toBe(gidB);
    for (const result of [a.result, b.result]) {
      const dir = await stat(result.taskDir);
      expect({ uid: dir.uid, gid: dir.gid, mode: dir.mode & 0o7777 }).toEqual({
        uid: 0,
        gid: 0,
        mode: 0o700,
      });
      // What the task wrote stays its owner's: only the sealed directory above guards it.
      expect((await stat(result.stdoutPath)).uid).not.toBe(0);
    }
  });

  it("keeps a later task that reuses an ended task's uid out of its directory", async () => {
    const first = await shTask(root, "old", "echo private > data.txt; id -u");
    const uid = Number(first.stdout.trim());
    // The id counter is kept in the node root: wind it back so the next task (same job, whose
    // group exists) gets `uid` again, as once the range has wrapped.
    await writeFile(path.join(root, "volatile", "isolated-id"), String(uid - 1));
    const later = await runTask(
      taskSpec(root, `/bin/sh -c "id -u; cat ${first.result.workingDir}/data.txt"`, {
        taskId: "new",
      }),
    );
    const out = await readFile(later.stdoutPath, "utf8");
    if (!isRoot) {
      expect(taskIsolationEnabled()).toBe(false);
      expect(out).toContain("private");
      return;
    }
    expect(out.trim().split("\n")[0]).toBe(String(uid));
    expect(out).not.toContain("private");
    expect(await readFile(later.stderrPath, "utf8")).toMatch(/Permission denied/);
  });

  it("honours userIdentity: admin runs as root, pool scope shares one user, userName fails", async () => {
    const admin = await shTask(root, "adm", "id -u", {
      userIdentity: { autoUser: { elevationLevel: "admin" } },
    });
    const pool = { userIdentity: { autoUser: { scope: "pool" } } };
    const p1 = await shTask(root, "p1", "id -u", pool);
    const p2 = await shTask(root, "p2", "id -u", pool);
    const named = await shTask(root, "named", "id -u", { userIdentity: { userName: "alice" } });
    expect(named.result).toMatchObject({ result: "failure", failureKind: "preProcessingError" });
    expect(named.result.failureInfo).toMatchObject({
      category: "usererror",
      code: "UserIdentityNotSupported",
    });
    expect(named.result.failureInfo?.message).toContain('"alice"');
    expect(named.stdout).toBe("");
    expect(admin.stdout).toBe(`${process.getuid?.()}\n`);
    if (!isRoot) {
      expect(taskIsolationEnabled()).toBe(false);
      return;
    }
    expect(p1.stdout).toBe(`${poolAutoUserId}\n`);
    expect(p2.stdout).toBe(p1.stdout);
  });

  it("lets the job's tasks read the job preparation task's directory, and other jobs not", async () => {
    const prep = await shTask(root, "jobpreparation", "echo prepared > data.txt", {
      kind: "jobPreparationTask",
    });
    expect(prep.result.result).toBe("success");
    const reader = 'cat "$AZ_BATCH_JOB_PREP_WORKING_DIR/data.txt"';
    const mine = await shTask(root, "t", reader, { jobPreparationTaskId: "jobpreparation" });
    expect(mine.stdout).toBe("prepared\n");
    const foreign = await shTask(root, "t", `cat "${prep.result.workingDir}/data.txt"`, {
      jobId: "other",
    });
    if (!isRoot) {
      expect(taskIsolationEnabled()).toBe(false);
      return;
    }
    expect(foreign.result.result).toBe("failure");
    expect(foreign.stderr).toMatch(/Permission denied/);
  });

  it("isolates tasks started through the spawn helper the same way", async () => {
    const helper = await SpawnHelper.start();
    if (helper === undefined)
      throw new Error("the spawn helper needs perl, present on this machine");
    try {
      const options = { launcher: helper.launch };
      const a = await shTask(root, "a", "echo secret > mine.txt; id -u; id -G", {}, options);
      const b = await shTask(root, "b", `cat "${a.result.workingDir}/mine.txt"`, {}, options);
      if (!isRoot) {
        expect(b.stdout).toBe("secret\n");
        return;
      }
      const [uid, groups] = a.stdout.trim().split("\n");
      expect(Number(uid)).toBeGreaterThanOrEqual(firstIsolatedId);
      // Only the job's group: none of root's supplementary groups survive.
      expect(groups?.split(" ")).toHaveLength(1);
      expect(b.result.result).toBe("failure");
      expect(b.stderr).toMatch(/Permission denied/);
    } finally {
      helper.close();
    }
  });

  it("runs the start task as one user of its own on every run, so a rerun keeps its files", async () => {
    const start = { kind: "startTask" as const, jobId: undefined, taskId: undefined };
    const script = 'echo run >> "$AZ_BATCH_NODE_SHARED_DIR/installed.txt"; id -u';
    const first = await shTask(root, "ignored", script, start);
    const again = await shTask(root, "ignored", script, start);
    expect(again.stderr).toBe("");
    expect(await readFile(path.join(root, "shared", "installed.txt"), "utf8")).toBe("run\nrun\n");
    expect(again.stdout).toBe(first.stdout);
    if (isRoot) expect(first.stdout).toBe(`${startTaskUserId}\n`);
  });

  it("runs a job's preparation and release tasks as one user, so release cleans up", async () => {
    const prep = await shTask(
      root,
      "jobpreparation",
      'echo x > "$AZ_BATCH_NODE_SHARED_DIR/p.txt"; id -u',
      {
        kind: "jobPreparationTask",
      },
    );
    const release = await shTask(
      root,
      "jobrelease",
      'rm "$AZ_BATCH_NODE_SHARED_DIR/p.txt"; id -u',
      {
        kind: "jobReleaseTask",
      },
    );
    expect(release.stderr).toBe("");
    expect(release.result.result).toBe("success");
    expect(release.stdout).toBe(prep.stdout);
  });

  it("makes the retry of a task the owner of what its last attempt left", async () => {
    const first = await shTask(root, "r", "echo 1 > state.txt; id -u");
    const retry = await shTask(root, "r", "echo 2 >> state.txt; id -u");
    expect(retry.stderr).toBe("");
    expect(await readFile(path.join(retry.result.workingDir, "state.txt"), "utf8")).toBe("1\n2\n");
    if (isRoot) expect(retry.stdout).not.toBe(first.stdout);
  });
});

// The node's own directories, created before any task.
describe("runTask: isolated node directories", () => {
  it("leaves the agent's volatile directory to root", async () => {
    const { root, dispose } = await tempNodeRoot();
    try {
      await mkdir(root, { recursive: true });
      const { stderr } = await shTask(root, "v", 'ls "$AZ_BATCH_NODE_ROOT_DIR/volatile"');
      if (isRoot) expect(stderr).toMatch(/Permission denied/);
      else expect(taskIsolationEnabled()).toBe(false);
    } finally {
      await dispose();
    }
  });
});
