import { spawn, type ChildProcess } from "node:child_process";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ledgerGroups, reapProcessGroups } from "../../src/agent/index.js";
import { ledgerFile, recordProcessGroup } from "../../src/agent/runner/process-group-ledger.js";
import { eventually, isDead, tempNodeRoot } from "./runner-support.js";

/** `sleep 60` in its own process group, with `env`. */
function sleeper(env: Record<string, string>): ChildProcess {
  return spawn("/bin/sleep", ["60"], { detached: true, stdio: "ignore", env });
}

describe("process group ledger", () => {
  let root: string;
  let dispose: () => Promise<void>;
  const started: ChildProcess[] = [];

  beforeEach(async () => {
    ({ root, dispose } = await tempNodeRoot());
  });

  afterEach(async () => {
    for (const child of started.splice(0)) {
      if (child.pid !== undefined && !(await isDead(child.pid)))
        process.kill(-child.pid, "SIGKILL");
    }
    await dispose();
  });

  it("records and releases entries by process group id", async () => {
    const release = recordProcessGroup(root, 4242);
    recordProcessGroup(root, 4343);
    expect(ledgerGroups(root)).toEqual([4242, 4343]);
    release();
    expect(ledgerGroups(root)).toEqual([4343]);
    expect(await reapProcessGroups(join(root, "elsewhere"))).toEqual([]);
  });

  it("keeps its log small: ended entries are dropped once it grows", async () => {
    const keep = recordProcessGroup(root, 77);
    for (let pgid = 1000; pgid < 30_000; pgid++) recordProcessGroup(root, pgid)();
    expect((await stat(ledgerFile(root))).size).toBeLessThan(300 * 1024);
    expect(ledgerGroups(root)).toEqual([77]);
    keep();
  });

  it("kills only groups whose processes belong to this node root, and empties the ledger", async () => {
    const mine = sleeper({ AZ_BATCH_NODE_ROOT_DIR: root });
    const stranger = sleeper({ AZ_BATCH_NODE_ROOT_DIR: `${root}-other` });
    started.push(mine, stranger);
    recordProcessGroup(root, mine.pid!);
    recordProcessGroup(root, stranger.pid!);
    recordProcessGroup(root, 999_999_999);
    expect(await reapProcessGroups(root)).toEqual([mine.pid]);
    await eventually(() => isDead(mine.pid!), "the node's group is gone");
    expect(await isDead(stranger.pid!)).toBe(false);
    expect(ledgerGroups(root)).toEqual([]);
  });
});
