import { describe, expect, it } from "vitest";
import {
  dependencyLookupOf,
  dependencyStatus,
  dependsOnTask,
  type DependencyTaskView,
} from "./dependencies.js";

const done = (
  id: string,
  dependencyAction: "satisfy" | "block" = "satisfy",
): DependencyTaskView => ({
  id,
  state: "completed",
  dependencyAction,
});
const active = (id: string): DependencyTaskView => ({ id, state: "active" });

describe("dependencyStatus", () => {
  it("is ready without dependencies", () => {
    expect(dependencyStatus(undefined, dependencyLookupOf([]))).toBe("ready");
    expect(dependencyStatus({}, dependencyLookupOf([]))).toBe("ready");
  });

  it("waits for tasks not yet completed or not yet added", () => {
    const lookup = dependencyLookupOf([done("a"), active("b")]);
    expect(dependencyStatus({ taskIds: ["a"] }, lookup)).toBe("ready");
    expect(dependencyStatus({ taskIds: ["a", "b"] }, lookup)).toBe("waiting");
    expect(dependencyStatus({ taskIds: ["missing"] }, lookup)).toBe("waiting");
  });

  it("matches ids regardless of case", () => {
    expect(dependencyStatus({ taskIds: ["A"] }, dependencyLookupOf([done("a")]))).toBe("ready");
  });

  it("is satisfied by a failure whose exit options say satisfy, and blocked otherwise", () => {
    const lookup = dependencyLookupOf([
      done("ok", "satisfy"),
      done("bad", "block"),
      active("later"),
    ]);
    expect(dependencyStatus({ taskIds: ["ok"] }, lookup)).toBe("ready");
    expect(dependencyStatus({ taskIds: ["later", "bad"] }, lookup)).toBe("blocked");
  });

  it("reads ranges over integer ids, waiting only for tasks that exist", () => {
    const lookup = dependencyLookupOf([done("1"), done("2"), active("3"), done("x"), done("007")]);
    expect(dependencyStatus({ taskIdRanges: [{ start: 1, end: 2 }] }, lookup)).toBe("ready");
    expect(dependencyStatus({ taskIdRanges: [{ start: 1, end: 3 }] }, lookup)).toBe("waiting");
    expect(dependencyStatus({ taskIdRanges: [{ start: 5, end: 9 }] }, lookup)).toBe("ready");
    expect(
      dependencyStatus(
        { taskIdRanges: [{ start: 4, end: 100 }] },
        dependencyLookupOf([done("50", "block")]),
      ),
    ).toBe("blocked");
  });

  it("combines ids and ranges", () => {
    const lookup = dependencyLookupOf([done("1"), active("b")]);
    expect(dependencyStatus({ taskIds: ["b"], taskIdRanges: [{ start: 1, end: 1 }] }, lookup)).toBe(
      "waiting",
    );
  });
});

describe("dependsOnTask", () => {
  it("finds dependents by id and by range", () => {
    expect(dependsOnTask({ taskIds: ["A"] }, "a")).toBe(true);
    expect(dependsOnTask({ taskIdRanges: [{ start: 1, end: 10 }] }, "7")).toBe(true);
    expect(dependsOnTask({ taskIdRanges: [{ start: 1, end: 10 }] }, "11")).toBe(false);
    expect(dependsOnTask({ taskIdRanges: [{ start: 1, end: 10 }] }, "x7")).toBe(false);
    expect(dependsOnTask(undefined, "a")).toBe(false);
  });
});
