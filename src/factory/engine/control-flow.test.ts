import { describe, expect, it } from "vitest";
import { act, simulate } from "../../../test/factory-engine/simulate.js";
import {
  executePipelineFailure,
  executePipelineOutput,
  waitMs,
  waitsOnCompletion,
} from "./activity-outputs.js";
import { branchResult, controlOutcome } from "./branch-result.js";
import { selectIfBranch, selectSwitchCase } from "./branch-selection.js";
import { failActivityError } from "./fail-activity.js";
import { filterItems } from "./filter-activity.js";
import { nextIterations, planForEach } from "./for-each-plan.js";
import { userError } from "./run-status.js";
import { afterUntilIteration, untilTimeoutMs } from "./until-plan.js";

describe("ForEach", () => {
  it("runs batchCount iterations at once (default 20), or one when sequential", () => {
    const items = Array.from({ length: 30 }, (_, i) => i);
    const parallel = planForEach("FE", {}, items, "@range(0,30)");
    expect(parallel.ok && parallel.plan.concurrency).toBe(20);
    const sequential = planForEach("FE", { isSequential: "true", batchCount: 5 }, items, "@x");
    expect(sequential.ok && sequential.plan.concurrency).toBe(1);
    const batched = planForEach("FE", { isSequential: false, batchCount: "5" }, items, "@x");
    expect(batched.ok && batched.plan.concurrency).toBe(5);
  });

  it("starts iterations in item order up to the concurrency", () => {
    const planned = planForEach("FE", { batchCount: 3 }, ["a", "b", "c", "d", "e"], "@x");
    if (!planned.ok) throw new Error("planned");
    expect(nextIterations(planned.plan, 0, 0)).toEqual([0, 1, 2]);
    expect(nextIterations(planned.plan, 3, 2)).toEqual([3]);
    expect(nextIterations(planned.plan, 4, 0)).toEqual([4]);
    expect(nextIterations(planned.plan, 5, 0)).toEqual([]);
  });

  it("zero items: nothing to start, and the ForEach succeeds", () => {
    const planned = planForEach("FE", {}, [], "@x");
    if (!planned.ok) throw new Error("planned");
    expect(nextIterations(planned.plan, 0, 0)).toEqual([]);
    expect(controlOutcome("FE", [])).toEqual({ status: "Succeeded" });
  });

  it("items that are not an array fail it with ADF's message", () => {
    const result = planForEach("FE", {}, "[1,2]", "@pipeline().parameters.list");
    expect(result).toEqual({
      ok: false,
      error: userError(
        "FE",
        "InvalidTemplate",
        "The result of the evaluation of 'foreach' expression '@pipeline().parameters.list' is of type 'String'. The result must be a valid array.",
      ),
    });
  });

  it("enforces ADF's limits: batchCount 1..50, 100,000 items", () => {
    expect(() => planForEach("FE", { batchCount: 51 }, [], "@x")).toThrow(/from 1 to 50/);
    expect(() => planForEach("FE", { batchCount: 0 }, [], "@x")).toThrow(/batchCount 0/);
    expect(planForEach("FE", {}, new Array(100_001).fill(0), "@x").ok).toBe(false);
    expect(planForEach("FE", {}, new Array(100_000).fill(0), "@x").ok).toBe(true);
  });

  it("fails when any iteration failed by the leaf rule, naming the inner activity", () => {
    const inner = [act("Copy"), act("OnFail", [["Copy", "Failed"]])];
    const caught = branchResult(inner, { Copy: "Failed", OnFail: "Succeeded" }, {});
    const uncaught = branchResult(
      [act("Copy")],
      { Copy: "Failed" },
      { Copy: userError("Copy", "2200", "boom") },
    );
    expect(caught).toEqual({ status: "Succeeded" });
    expect(uncaught).toMatchObject({ status: "Failed", failedActivity: "Copy" });
    expect(controlOutcome("FE", [caught, uncaught, caught])).toEqual({
      status: "Failed",
      error: userError(
        "FE",
        "ActionFailed",
        "Activity failed because an inner activity failed; Inner activity name: Copy, Error: boom",
      ),
    });
    expect(controlOutcome("FE", [caught, { status: "Cancelled" }]).status).toBe("Cancelled");
  });
});

describe("If Condition and Switch", () => {
  it("If picks the branch from a boolean and fails on anything else", () => {
    expect(selectIfBranch("If1", true, "@x")).toEqual({ ok: true, plan: "ifTrueActivities" });
    expect(selectIfBranch("If1", false, "@x")).toEqual({ ok: true, plan: "ifFalseActivities" });
    const bad = selectIfBranch("If1", "true", "@x");
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.error.message).toContain(
        "evaluated to type 'String'; it must evaluate to a Boolean",
      );
  });

  it("an If's status is its branch's, by the leaf rule; an empty branch succeeds", () => {
    const failed = branchResult([act("A")], { A: "Failed" }, {});
    expect(controlOutcome("If1", [failed]).status).toBe("Failed");
    expect(controlOutcome("If1", [branchResult([], {}, {})]).status).toBe("Succeeded");
  });

  it("Switch matches case values exactly as text, else default", () => {
    const cases = [{ value: "1" }, { value: "two" }, { value: 3 }];
    expect(selectSwitchCase("S", "two", cases, "@x")).toEqual({ ok: true, plan: 1 });
    expect(selectSwitchCase("S", "TWO", cases, "@x")).toEqual({ ok: true, plan: "default" });
    expect(selectSwitchCase("S", 1, cases, "@x")).toEqual({ ok: true, plan: 0 });
    expect(selectSwitchCase("S", "3", cases, "@x")).toEqual({ ok: true, plan: 2 });
    expect(selectSwitchCase("S", "x", undefined, "@x")).toEqual({ ok: true, plan: "default" });
    expect(selectSwitchCase("S", true, cases, "@x").ok).toBe(false);
  });
});

describe("Until", () => {
  const ok = { status: "Succeeded" } as const;
  const base = { expressionText: "@x", startedAtMs: 0, nowMs: 1000, timeoutMs: 60_000, result: ok };

  it("timeout defaults to 7 days, at most 90", () => {
    expect(untilTimeoutMs(undefined, "a")).toBe(7 * 86_400_000);
    expect(untilTimeoutMs("00:10:00", "a")).toBe(600_000);
    expect(() => untilTimeoutMs("91.00:00:00", "a")).toThrow(/90 days/);
  });

  it("loops while the expression is false and stops when it is true", () => {
    expect(afterUntilIteration("U", { ...base, condition: false })).toEqual({ kind: "again" });
    expect(afterUntilIteration("U", { ...base, condition: true })).toEqual({
      kind: "done",
      status: "Succeeded",
    });
  });

  it("a failed inner activity does not stop the loop; the last iteration decides the status", () => {
    const failed = {
      status: "Failed",
      failedActivity: "Web",
      error: userError("Web", "2108", "503"),
    } as const;
    expect(afterUntilIteration("U", { ...base, condition: false, result: failed })).toEqual({
      kind: "again",
    });
    const done = afterUntilIteration("U", { ...base, condition: true, result: failed });
    expect(done).toMatchObject({
      kind: "done",
      status: "Failed",
      error: { errorCode: "ActionFailed" },
    });
  });

  it("times out with ActionTimedOut, and fails on a non-boolean expression", () => {
    const late = afterUntilIteration("U", { ...base, condition: false, nowMs: 60_000 });
    expect(late).toMatchObject({
      kind: "done",
      status: "Failed",
      error: { errorCode: "ActionTimedOut" },
    });
    expect(afterUntilIteration("U", { ...base, condition: "false" })).toMatchObject({
      status: "Failed",
    });
  });
});

describe("Filter, Wait, Fail, Execute Pipeline", () => {
  it("Filter outputs ItemsCount, FilteredItemsCount and Value", () => {
    const result = filterItems("F", [1, 2, 3, 4, 5, 6], "@x", (item) => (item as number) > 3);
    expect(result).toEqual({
      ok: true,
      plan: { ItemsCount: 6, FilteredItemsCount: 3, Value: [4, 5, 6] },
    });
    expect(filterItems("F", "x", "@x", () => true).ok).toBe(false);
    expect(filterItems("F", [1], "@x", () => "yes").ok).toBe(false);
  });

  it("Wait takes whole seconds", () => {
    expect(waitMs(5, "a")).toBe(5000);
    expect(waitMs("2", "a")).toBe(2000);
    expect(() => waitMs(-1, "a")).toThrow(/waitTimeInSeconds/);
  });

  it.each([
    [
      "both fine",
      { kind: "value", value: "bad input" },
      { kind: "value", value: "E42" },
      "bad input",
      "E42",
    ],
    [
      "neither interpretable",
      { kind: "error" },
      { kind: "error" },
      "Failed to interpret Fail1 fail message or error code",
      "ErrorCodeNotString",
    ],
    [
      "message not a string",
      { kind: "value", value: 7 },
      { kind: "value", value: "E42" },
      "Fail1 fail message parameter couldn't be interpreted as a string",
      "E42",
    ],
    [
      "message blank",
      { kind: "value", value: "  " },
      { kind: "value", value: "E42" },
      "Failed to interpret Fail1 fail message or error code",
      "E42",
    ],
    [
      "code not a string",
      { kind: "value", value: "m" },
      { kind: "value", value: 500 },
      "m",
      "ErrorCodeNotString",
    ],
    [
      "code blank",
      { kind: "value", value: "m" },
      { kind: "value", value: null },
      "m",
      "ErrorCodeNotString",
    ],
    [
      "message missing",
      { kind: "missing" },
      { kind: "value", value: "E42" },
      "Fail message wasn't provided",
      "E42",
    ],
    ["code missing", { kind: "value", value: "m" }, { kind: "missing" }, "m", "ErrorCodeNotString"],
  ] as const)("Fail, %s (ADF's table)", (_case, message, code, text, errorCode) => {
    expect(failActivityError("Fail1", message, code)).toEqual({
      errorCode,
      message: text,
      failureType: "UserError",
      target: "Fail1",
    });
  });

  it("Execute Pipeline: waitOnCompletion false by default; output and failure", () => {
    expect(waitsOnCompletion({})).toBe(false);
    expect(waitsOnCompletion({ waitOnCompletion: true })).toBe(true);
    expect(executePipelineOutput("Child", "run-2")).toEqual({
      pipelineName: "Child",
      pipelineRunId: "run-2",
    });
    expect(executePipelineOutput("Child", "run-2", { k: 1 })).toEqual({
      pipelineName: "Child",
      pipelineRunId: "run-2",
      pipelineReturnValue: { k: 1 },
    });
    const child = userError("Fail1", "E42", "Operation on target Fail1 failed: bad");
    expect(executePipelineFailure("Exec", child, "run-2")).toEqual({ ...child, target: "Exec" });
  });
});

describe("nested containers", () => {
  it("a ForEach of If branches feeds the pipeline's leaf rule through its own status", () => {
    // Each iteration runs an If whose true branch is a Do-If-Else; iteration 2's main fails.
    const branch = [
      act("Main"),
      act("OnOk", [["Main", "Succeeded"]]),
      act("OnFail", [["Main", "Failed"]]),
    ];
    const iterations = [simulate(branch), simulate(branch, { Main: "Failed" })].map((sim) => {
      const inner = branchResult(branch, sim.statuses, { Main: userError("Main", "2200", "boom") });
      return branchResult(
        [act("If1")],
        { If1: controlOutcome("If1", [inner]).status },
        {
          If1: controlOutcome("If1", [inner]).error,
        },
      );
    });
    const forEach = controlOutcome("FE", iterations);
    expect(forEach.status).toBe("Failed");
    expect(forEach.error?.message).toBe(
      "Activity failed because an inner activity failed; Inner activity name: If1, Error: Activity failed because an inner activity failed; Inner activity name: Main, Error: boom",
    );
    const pipeline = simulate([act("FE"), act("Notify", [["FE", "Failed"]])], {
      FE: forEach.status,
    });
    expect(pipeline.outcome.status).toBe("Succeeded");
  });
});
