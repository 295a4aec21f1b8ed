import { describe, expect, it } from "vitest";
import { runInParallel } from "./run-in-parallel.js";

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("runInParallel", () => {
  it("runs every item, never more than the limit at once", async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await runInParallel([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      running += 1;
      most = Math.max(most, running);
      await tick();
      done.push(item);
      running -= 1;
    });
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });

  it("starts nothing after a failure, waits for what runs, then throws the failure", async () => {
    const started: number[] = [];
    let finished = 0;
    const run = runInParallel([1, 2, 3, 4, 5], 2, async (item) => {
      started.push(item);
      if (item === 1) throw new Error("one failed");
      await tick();
      finished += 1;
    });
    await expect(run).rejects.toThrow("one failed");
    expect(started).toEqual([1, 2]);
    expect(finished).toBe(1);
  });
});
