import { describe, expect, it } from "vitest";
import { isBatchError } from "../batch-error.js";
import {
  allocationStep,
  deallocationPlan,
  startResize,
  stopResize,
  type AllocatedNode,
} from "./pool-allocation.js";

const n = (id: string, state: AllocatedNode["state"], runningTaskSlots = 0): AllocatedNode => ({
  id,
  state,
  runningTaskSlots,
});

describe("resize and stopresize", () => {
  it("resizes only a steady pool without autoscale", () => {
    expect(startResize({ id: "p", allocationState: "steady" })).toBe("resizing");
    for (const [pool, code] of [
      [{ id: "p", allocationState: "resizing" as const }, "PoolBeingResized"],
      [
        { id: "p", allocationState: "steady" as const, enableAutoScale: true },
        "OperationInvalidForCurrentState",
      ],
    ] as const) {
      try {
        startResize(pool);
        expect.unreachable();
      } catch (error) {
        expect(isBatchError(error, code)).toBe(true);
      }
    }
  });

  it("stops a resize", () => {
    expect(stopResize({ id: "p", allocationState: "resizing" })).toBe("stopping");
    expect(stopResize({ id: "p", allocationState: "steady" })).toBe("steady");
  });
});

describe("deallocationPlan", () => {
  it("follows Batch's four options, requeue by default", () => {
    expect(deallocationPlan()).toEqual(deallocationPlan("requeue"));
    expect(deallocationPlan("requeue")).toMatchObject({
      killRunningTasks: true,
      requeueKilledTasks: true,
    });
    expect(deallocationPlan("terminate")).toMatchObject({
      killRunningTasks: true,
      requeueKilledTasks: false,
    });
    expect(deallocationPlan("taskcompletion")).toMatchObject({
      killRunningTasks: false,
      waitForRunningTasks: true,
      waitForRetainedData: false,
    });
    expect(deallocationPlan("retaineddata")).toMatchObject({
      killRunningTasks: false,
      waitForRunningTasks: true,
      waitForRetainedData: true,
    });
  });
});

describe("allocationStep", () => {
  it("adds nodes to grow", () => {
    expect(allocationStep("resizing", 3, [n("a", "idle")])).toEqual({
      add: 2,
      remove: [],
      steady: false,
    });
  });

  it("is steady at target once leaving nodes are gone", () => {
    expect(allocationStep("resizing", 1, [n("a", "idle")])).toEqual({
      add: 0,
      remove: [],
      steady: true,
    });
    expect(allocationStep("resizing", 1, [n("a", "idle"), n("b", "leavingpool")]).steady).toBe(
      false,
    );
  });

  it("removes broken, then idle, then the least busy nodes, deterministically", () => {
    const nodes = [
      n("d", "running", 3),
      n("c", "running", 1),
      n("b", "idle"),
      n("a", "idle"),
      n("e", "unusable"),
      n("f", "leavingpool"),
    ];
    expect(allocationStep("resizing", 4, nodes).remove).toEqual(["e"]);
    expect(allocationStep("resizing", 2, nodes).remove).toEqual(["e", "a", "b"]);
    expect(allocationStep("resizing", 0, nodes).remove).toEqual(["e", "a", "b", "c", "d"]);
  });

  it("changes nothing more while stopping", () => {
    expect(allocationStep("stopping", 5, [n("a", "idle")])).toEqual({
      add: 0,
      remove: [],
      steady: true,
    });
    expect(allocationStep("stopping", 0, [n("a", "idle"), n("b", "leavingpool")])).toEqual({
      add: 0,
      remove: [],
      steady: false,
    });
  });
});
