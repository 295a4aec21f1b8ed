import { describe, expect, it } from "vitest";
import { act, simulate } from "../../../test/factory-engine/simulate.js";
import type { ActivityDependency } from "../model/pipeline.js";
import { planContainer } from "./activity-graph.js";
import { conditionAccepts, dependencyState } from "./dependency-conditions.js";

describe("dependency conditions", () => {
  it("Completed is Succeeded or Failed; Skipped matches only Skipped; Cancelled matches nothing", () => {
    expect(conditionAccepts("Completed", "Succeeded")).toBe(true);
    expect(conditionAccepts("Completed", "Failed")).toBe(true);
    expect(conditionAccepts("Completed", "Skipped")).toBe(false);
    expect(conditionAccepts("Skipped", "Skipped")).toBe(true);
    expect(conditionAccepts("Skipped", "Failed")).toBe(false);
    for (const c of ["Succeeded", "Failed", "Skipped", "Completed"] as const) {
      expect(conditionAccepts(c, "Cancelled")).toBe(false);
    }
  });

  it("ORs the conditions of one dependsOn entry and waits while the upstream runs", () => {
    const entry: ActivityDependency = {
      activity: "A",
      dependencyConditions: ["Failed", "Skipped"],
    };
    expect(dependencyState(entry, "Skipped")).toBe("met");
    expect(dependencyState(entry, "Failed")).toBe("met");
    expect(dependencyState(entry, "Succeeded")).toBe("unmet");
    expect(
      dependencyState({ activity: "A", dependencyConditions: ["Succeeded"] }, "InProgress"),
    ).toBe("pending");
    expect(dependencyState({ activity: "A", dependencyConditions: ["Succeeded"] }, undefined)).toBe(
      "pending",
    );
    expect(dependencyState({ activity: "A", dependencyConditions: [] }, "Succeeded")).toBe("unmet");
  });
});

describe("planContainer", () => {
  it("starts every activity without dependencies at once, in declaration order", () => {
    const plan = planContainer([act("A"), act("B"), act("C", [["A", "Succeeded"]])], {});
    expect(plan.run).toEqual(["A", "B"]);
    expect(plan.finished).toBe(false);
  });

  it("an empty container is finished at once", () => {
    expect(planContainer([], {})).toMatchObject({ run: [], skip: [], finished: true });
  });

  it("does not start activities already queued or running", () => {
    const plan = planContainer([act("A"), act("B")], { A: "InProgress", B: "Queued" });
    expect(plan.run).toEqual([]);
    expect(plan.finished).toBe(false);
  });

  it("ANDs dependencies across entries: waits for all, runs when all hold", () => {
    const activities = [
      act("A"),
      act("B"),
      act("C", [
        ["A", "Succeeded"],
        ["B", "Completed"],
      ]),
    ];
    expect(planContainer(activities, { A: "Succeeded", B: "InProgress" }).run).toEqual([]);
    expect(planContainer(activities, { A: "Succeeded", B: "Failed" }).run).toEqual(["C"]);
    expect(planContainer(activities, { A: "Failed", B: "Succeeded" }).skip).toEqual(["C"]);
  });

  it("waits for every upstream before skipping, so an Upon Skip branch never starts early", () => {
    const activities = [
      act("A"),
      act("B"),
      act("C", [
        ["A", "Succeeded"],
        ["B", "Succeeded"],
      ]),
    ];
    expect(planContainer(activities, { A: "Failed", B: "InProgress" }).skip).toEqual([]);
  });

  it("cascades Skipped down a chain in one plan (X -> Y -> Z, X fails)", () => {
    const activities = [act("X"), act("Y", [["X", "Succeeded"]]), act("Z", [["Y", "Succeeded"]])];
    const plan = planContainer(activities, { X: "Failed" });
    expect(plan.skip).toEqual(["Y", "Z"]);
    expect(plan.finished).toBe(true);
  });

  it("starts an Upon Skip branch in the same plan as the skip that enables it", () => {
    const activities = [
      act("A"),
      act("B", [["A", "Succeeded"]]),
      act("OnSkip", [["B", "Skipped"]]),
    ];
    const plan = planContainer(activities, { A: "Failed" });
    expect(plan.skip).toEqual(["B"]);
    expect(plan.run).toEqual(["OnSkip"]);
  });

  it("a Cancelled upstream satisfies no condition: its dependents are Skipped", () => {
    const activities = [act("A"), act("B", [["A", "Completed"]])];
    expect(planContainer(activities, { A: "Cancelled" }).skip).toEqual(["B"]);
  });

  it("rejects dependsOn naming an activity outside the container", () => {
    expect(() => planContainer([act("A", [["Ghost", "Succeeded"]])], {})).toThrow(/Ghost/);
  });

  it("never starts members of a cycle (cycles are rejected by validation)", () => {
    const plan = planContainer(
      [act("A", [["B", "Succeeded"]]), act("B", [["A", "Succeeded"]])],
      {},
    );
    expect(plan).toMatchObject({ run: [], skip: [], finished: false });
  });
});

describe("inactive activities", () => {
  const inactive = (name: string, markAs?: "Succeeded" | "Failed" | "Skipped") =>
    act(name, [], { state: "Inactive", ...(markAs ? { onInactiveMarkAs: markAs } : {}) });

  it("never run and report onInactiveMarkAs, Succeeded by default", () => {
    const plan = planContainer(
      [inactive("A"), inactive("B", "Failed"), inactive("C", "Skipped")],
      {},
    );
    expect(plan.run).toEqual([]);
    expect(plan.inactive).toEqual([
      { name: "A", status: "Succeeded" },
      { name: "B", status: "Failed" },
      { name: "C", status: "Skipped" },
    ]);
    expect(plan.finished).toBe(true);
  });

  it("marked Succeeded runs the Upon Success and Upon Completion branches", () => {
    const sim = simulate([
      inactive("A"),
      act("OnSuccess", [["A", "Succeeded"]]),
      act("OnDone", [["A", "Completed"]]),
      act("OnFail", [["A", "Failed"]]),
    ]);
    expect(sim.started).toEqual(["OnSuccess", "OnDone"]);
    expect(sim.statuses.OnFail).toBe("Skipped");
  });

  it("marked Failed runs the Upon Failure and Upon Completion branches", () => {
    const sim = simulate([
      inactive("A", "Failed"),
      act("OnSuccess", [["A", "Succeeded"]]),
      act("OnDone", [["A", "Completed"]]),
      act("OnFail", [["A", "Failed"]]),
    ]);
    expect(sim.started).toEqual(["OnDone", "OnFail"]);
  });

  it("marked Skipped runs only the Upon Skip branch", () => {
    const sim = simulate([
      inactive("A", "Skipped"),
      act("OnSuccess", [["A", "Succeeded"]]),
      act("OnDone", [["A", "Completed"]]),
      act("OnSkip", [["A", "Skipped"]]),
    ]);
    expect(sim.started).toEqual(["OnSkip"]);
  });

  it("waits for its own dependencies, and is Skipped like any other when they cannot hold", () => {
    const activities = [act("A"), act("B", [["A", "Succeeded"]], { state: "Inactive" })];
    expect(planContainer(activities, { A: "InProgress" }).inactive).toEqual([]);
    expect(planContainer(activities, { A: "Failed" }).skip).toEqual(["B"]);
  });

  it("rejects an unknown onInactiveMarkAs, naming the allowed values", () => {
    const bad = act("A", [], { state: "Inactive", onInactiveMarkAs: "Maybe" as "Skipped" });
    expect(() => planContainer([bad], {})).toThrow(/Succeeded, Failed, Skipped/);
  });
});
