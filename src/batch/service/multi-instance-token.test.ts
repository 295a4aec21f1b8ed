import { describe, expect, it } from "vitest";
import { GangHints } from "./multi-instance-hints.js";
import { instanceOfToken, isSubtaskClaimToken, subtaskClaimToken } from "./multi-instance-token.js";

describe("multi-instance claim tokens", () => {
  const ref = { runToken: "ab12-7", jobId: "job", taskId: "mpi", instance: 2 };

  it("round-trips a subtask's token, and reads the primary's task token as instance 0", () => {
    const token = subtaskClaimToken(ref);
    expect(token).toBe("m.ab12-7.job.mpi.2");
    expect(isSubtaskClaimToken(token)).toBe(true);
    expect(instanceOfToken(token)).toEqual(ref);
    const primary = subtaskClaimToken({ ...ref, instance: 0 });
    expect(primary).toBe("t.ab12-7.job.mpi");
    expect(instanceOfToken(primary)).toEqual({ ...ref, instance: 0 });
    expect(isSubtaskClaimToken(primary)).toBe(false);
  });

  it("refuses malformed tokens", () => {
    for (const token of [
      "m.ab.job.mpi.0",
      "m.ab.job.mpi.x",
      "m.AB!.job.mpi.1",
      "m.ab.job.mpi",
      "s.n.1",
    ]) {
      expect(instanceOfToken(token), token).toBeUndefined();
      expect(isSubtaskClaimToken(token), token).toBe(false);
    }
  });
});

describe("GangHints", () => {
  it("asks the store at most once per recheck period, and is told at once of new work", async () => {
    const hints = new GangHints(1000);
    let asked = 0;
    const ask = async () => {
      asked += 1;
      return false;
    };
    expect(await hints.mayHaveWork("pool", 0, ask)).toBe(false);
    expect(await hints.mayHaveWork("pool", 999, ask)).toBe(false);
    expect(asked).toBe(1);
    hints.markWork("pool", 999);
    expect(await hints.mayHaveWork("pool", 1500, ask)).toBe(true);
    expect(await hints.mayHaveWork("pool", 2000, ask)).toBe(false);
    expect(asked).toBe(2);
  });

  it("reads a node's pool once", async () => {
    const hints = new GangHints(1000);
    let reads = 0;
    const read = async () => {
      reads += 1;
      return "pool";
    };
    expect(await hints.poolOf("n1", read)).toBe("pool");
    expect(await hints.poolOf("n1", read)).toBe("pool");
    expect(reads).toBe(1);
    expect(await hints.poolOf("gone", async () => undefined)).toBeUndefined();
  });
});
