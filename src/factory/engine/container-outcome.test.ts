import { describe, expect, it } from "vitest";
import { act, simulate } from "../../../test/factory-engine/simulate.js";
import { containerOutcome, innerActivityFailure, pipelineFailure } from "./container-outcome.js";
import { userError } from "./run-status.js";

// The patterns of ADF's "Errors and Conditional execution" tutorial, each with the main
// activity succeeding and failing (its summary table), with handlers that succeed.
const tryCatch = [act("Main"), act("UponFailure", [["Main", "Failed"]])];
const doIfElse = [
  act("Main"),
  act("UponSuccess", [["Main", "Succeeded"]]),
  act("UponFailure", [["Main", "Failed"]]),
];
const doIfSkipElse = [...doIfElse, act("DummyUponSkip", [["UponSuccess", "Skipped"]])];

describe("the leaf rule: the tutorial's summary table", () => {
  it.each([
    ["Try-Catch", tryCatch, "Succeeded", "Succeeded"],
    ["Do-If-Else", doIfElse, "Succeeded", "Failed"],
    ["Do-If-Skip-Else", doIfSkipElse, "Succeeded", "Succeeded"],
  ] as const)(
    "%s: main succeeds -> %s, main fails -> %s",
    (_name, activities, whenOk, whenFails) => {
      expect(simulate(activities).outcome.status).toBe(whenOk);
      expect(simulate(activities, { Main: "Failed" }).outcome.status).toBe(whenFails);
    },
  );
});

describe("the leaf rule: the tutorial's explanations", () => {
  it("Try-Catch, main succeeds: Upon Failure is skipped, its parent succeeded", () => {
    const sim = simulate(tryCatch);
    expect(sim.statuses.UponFailure).toBe("Skipped");
    expect(sim.outcome.evaluated).toEqual(["Main"]);
  });

  it("Try-Catch, main fails: Upon Failure runs and decides", () => {
    const sim = simulate(tryCatch, { Main: "Failed" });
    expect(sim.outcome).toMatchObject({ evaluated: ["UponFailure"], status: "Succeeded" });
  });

  it("Try-Catch fails when the catch itself fails", () => {
    expect(simulate(tryCatch, { Main: "Failed", UponFailure: "Failed" }).outcome.status).toBe(
      "Failed",
    );
  });

  it("Do-If-Else, main fails: Upon Success is skipped and its parent failed", () => {
    const sim = simulate(doIfElse, { Main: "Failed" });
    expect(sim.outcome).toMatchObject({ evaluated: ["Main", "UponFailure"], failed: ["Main"] });
  });

  it("Do-If-Skip-Else, main fails: Upon Failure and Dummy Upon Skip both succeed", () => {
    const sim = simulate(doIfSkipElse, { Main: "Failed" });
    expect(sim.statuses).toMatchObject({ UponSuccess: "Skipped", DummyUponSkip: "Succeeded" });
    expect(sim.outcome.evaluated).toEqual(["UponFailure", "DummyUponSkip"]);
  });

  it("Do-If-Skip-Else, main succeeds: Dummy Upon Skip is skipped, its parent Upon Success succeeded", () => {
    const sim = simulate(doIfSkipElse);
    expect(sim.statuses.DummyUponSkip).toBe("Skipped");
    expect(sim.outcome.evaluated).toEqual(["Main", "UponSuccess"]);
    expect(sim.outcome.status).toBe("Succeeded");
  });
});

describe("the tutorial's common patterns", () => {
  // Try-Catch-Proceed: Next depends on ErrorHandling with Upon Success and Upon Skip.
  const tryCatchProceed = [
    act("First"),
    act("ErrorHandling", [["First", "Failed"]]),
    act("Next", [["ErrorHandling", "Succeeded", "Skipped"]]),
  ];

  it("Try-Catch-Proceed: the next activity runs whether the first succeeds or fails", () => {
    expect(simulate(tryCatchProceed).started).toEqual(["First", "Next"]);
    const failed = simulate(tryCatchProceed, { First: "Failed" });
    expect(failed.started).toEqual(["First", "ErrorHandling", "Next"]);
    expect(failed.outcome.status).toBe("Succeeded");
  });

  // Generic error handling: sequential steps, the handler on Upon Failure + Upon Skip of the last.
  const generic = [
    act("Copy1"),
    act("Copy2", [["Copy1", "Succeeded"]]),
    act("Copy3", [["Copy2", "Succeeded"]]),
    act("GenericErrorHandling", [["Copy3", "Failed", "Skipped"]]),
  ];

  it("Generic error handling: the handler runs only when a step fails", () => {
    const ok = simulate(generic);
    expect(ok.statuses.GenericErrorHandling).toBe("Skipped");
    expect(ok.outcome.status).toBe("Succeeded");
    for (const failing of ["Copy1", "Copy2", "Copy3"]) {
      const sim = simulate(generic, { [failing]: "Failed" });
      expect(sim.statuses.GenericErrorHandling).toBe("Succeeded");
      expect(sim.outcome.status).toBe("Succeeded");
    }
  });

  it("Best effort: a step on Upon Completion runs after a failure and decides the outcome", () => {
    const sim = simulate([act("Log"), act("Next", [["Log", "Completed"]])], { Log: "Failed" });
    expect(sim.started).toEqual(["Log", "Next"]);
    expect(sim.outcome.status).toBe("Succeeded");
  });

  it("And: the follow-up runs only when both succeed, else it is skipped and the failure shows", () => {
    const and = [
      act("Web1"),
      act("Web2"),
      act("Wait", [
        ["Web1", "Succeeded"],
        ["Web2", "Succeeded"],
      ]),
    ];
    expect(simulate(and).started).toEqual(["Web1", "Web2", "Wait"]);
    const sim = simulate(and, { Web2: "Failed" });
    expect(sim.statuses.Wait).toBe("Skipped");
    expect(sim.outcome).toMatchObject({ status: "Failed", failed: ["Web2"] });
  });

  it("And with Completed: runs when one succeeded and the other completed either way", () => {
    const and = [
      act("Ok"),
      act("Bad"),
      act("Wait", [
        ["Ok", "Succeeded"],
        ["Bad", "Completed"],
      ]),
    ];
    const sim = simulate(and, { Bad: "Failed" });
    expect(sim.statuses.Wait).toBe("Succeeded");
    expect(sim.outcome.status).toBe("Succeeded");
  });
});

describe("edges", () => {
  it("an empty pipeline succeeds", () => {
    expect(containerOutcome([], {})).toEqual({ status: "Succeeded", evaluated: [], failed: [] });
  });

  it("a single failing activity fails the pipeline", () => {
    expect(simulate([act("A")], { A: "Failed" }).outcome.status).toBe("Failed");
  });

  it("all skipped: inactive activities marked Skipped with no parents succeed", () => {
    const sim = simulate([act("A", [], { state: "Inactive", onInactiveMarkAs: "Skipped" })]);
    expect(sim.outcome).toEqual({ status: "Succeeded", evaluated: [], failed: [] });
  });

  it("an inactive leaf marked Failed fails the pipeline", () => {
    const sim = simulate([act("A", [], { state: "Inactive", onInactiveMarkAs: "Failed" })]);
    expect(sim.outcome.status).toBe("Failed");
  });

  it("a skipped chain is followed up to the activity that failed", () => {
    const chain = [act("X"), act("Y", [["X", "Succeeded"]]), act("Z", [["Y", "Succeeded"]])];
    expect(simulate(chain, { X: "Failed" }).outcome).toMatchObject({
      evaluated: ["X"],
      status: "Failed",
    });
  });

  it("independent branches: one failing leaf fails it even when the other succeeds", () => {
    expect(simulate([act("A"), act("B")], { B: "Failed" }).outcome.failed).toEqual(["B"]);
  });

  it("a cancelled activity makes the container Cancelled unless another failed", () => {
    expect(simulate([act("A"), act("B")], { A: "Cancelled" }).outcome.status).toBe("Cancelled");
    expect(simulate([act("A"), act("B")], { A: "Cancelled", B: "Failed" }).outcome.status).toBe(
      "Failed",
    );
  });
});

describe("the pipeline's error", () => {
  it("is ADF's 'Operation on target X failed: ...' for the first failed evaluated activity", () => {
    const sim = simulate(doIfElse, { Main: "Failed" });
    const error = pipelineFailure(sim.outcome, { Main: userError("Main", "2200", "disk full") });
    expect(error).toEqual({
      errorCode: "2200",
      message: "Operation on target Main failed: disk full",
      failureType: "UserError",
      target: "Main",
    });
  });

  it("is undefined when the pipeline succeeded, and plain when the failure has no error", () => {
    expect(pipelineFailure(simulate(tryCatch).outcome, {})).toBeUndefined();
    const inactiveFailed = simulate([
      act("A", [], { state: "Inactive", onInactiveMarkAs: "Failed" }),
    ]);
    expect(pipelineFailure(inactiveFailed.outcome, {})?.message).toBe(
      "Operation on target A failed.",
    );
  });

  it("a control activity's inner failure uses ADF's wording", () => {
    expect(innerActivityFailure("ForEach1", "Copy1", userError("Copy1", "2200", "boom"))).toEqual({
      errorCode: "ActionFailed",
      message:
        "Activity failed because an inner activity failed; Inner activity name: Copy1, Error: boom",
      failureType: "UserError",
      target: "ForEach1",
    });
  });
});
