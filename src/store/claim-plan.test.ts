import { describe, expect, it } from "vitest";
import { budgetSpent, jobAllowance, pickClaims, type ClaimCandidate } from "./claim-plan.js";

const task = (pk: number, jobKey = "j", requiredSlots = 1): ClaimCandidate => ({
  pk,
  jobKey,
  requiredSlots,
});

describe("pickClaims", () => {
  it("takes candidates in order until the slots run out", () => {
    const { picked, left } = pickClaims([task(1), task(2), task(3)], {
      slots: 2,
      tasks: 10,
      jobCapacity: new Map(),
    });
    expect(picked.map((c) => c.pk)).toEqual([1, 2]);
    expect(left.slots).toBe(0);
    expect(budgetSpent(left)).toBe(true);
  });

  it("packs greedily: skips a task too big for what is left and takes a later one that fits", () => {
    const { picked } = pickClaims([task(1, "j", 2), task(2, "j", 3), task(3, "j", 1)], {
      slots: 3,
      tasks: 10,
      jobCapacity: new Map(),
    });
    expect(picked.map((c) => c.pk)).toEqual([1, 3]);
  });

  it("honours the task limit and each capped job's capacity", () => {
    const { picked, left } = pickClaims([task(1, "a"), task(2, "a"), task(3, "b"), task(4, "b")], {
      slots: 10,
      tasks: 3,
      jobCapacity: new Map([["a", 1]]),
    });
    expect(picked.map((c) => c.pk)).toEqual([1, 3, 4]);
    expect(left.jobCapacity.get("a")).toBe(0);
    expect(left.tasks).toBe(0);
  });

  it("admits per job the least of its capacity, the tasks and the slots left", () => {
    const budget = {
      slots: 5,
      tasks: 3,
      jobCapacity: new Map([
        ["a", 2],
        ["z", 0],
      ]),
    };
    expect(jobAllowance(budget, "a")).toBe(2);
    expect(jobAllowance(budget, "b")).toBe(3);
    expect(jobAllowance(budget, "z")).toBe(0);
  });
});
