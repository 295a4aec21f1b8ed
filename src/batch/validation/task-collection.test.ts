import { describe, expect, it } from "vitest";
import { BatchError } from "../batch-error.js";
import { taskAddFailure, taskAddSuccess, validateTaskCollection } from "./task-collection.js";

const task = (id: string, extra: object = {}): object => ({
  id,
  commandLine: "/bin/true",
  ...extra,
});

describe("validateTaskCollection", () => {
  it("validates each task on its own and keeps their order", () => {
    const entries = validateTaskCollection({
      value: [task("a"), task("b", { requiredSlots: -1 }), { commandLine: "x" }, task("c")],
    });
    expect(entries.map((entry) => [entry.taskId, entry.ok])).toEqual([
      ["a", true],
      ["b", false],
      ["value[2]", false],
      ["c", true],
    ]);
    const bad = entries[1];
    expect(bad?.ok).toBe(false);
    if (bad?.ok === false) {
      expect(bad.error.batchCode).toBe("InvalidPropertyValue");
      expect(bad.error.values.PropertyName).toBe("value[1].requiredSlots");
      expect(bad.error.message).toContain("'value[1].requiredSlots'");
    }
  });

  it("refuses duplicate ids within the collection, regardless of case", () => {
    const entries = validateTaskCollection({ value: [task("dup"), task("DUP")] });
    expect(entries[0]?.ok).toBe(true);
    const second = entries[1];
    expect(second?.ok === false && second.error.batchCode).toBe("TaskExists");
  });

  it("applies the job context to every task", () => {
    const entries = validateTaskCollection({
      value: [task("a", { dependsOn: { taskIds: ["b"] } })],
    });
    expect(entries[0]?.ok === false && entries[0].error.batchCode).toBe(
      "TaskDependenciesNotSpecifiedOnJob",
    );
    const allowed = validateTaskCollection(
      { value: [task("a", { dependsOn: { taskIds: ["b"] } })] },
      { usesTaskDependencies: true },
    );
    expect(allowed[0]?.ok).toBe(true);
  });

  it("refuses the whole request over 100 tasks, or without tasks", () => {
    const value = Array.from({ length: 101 }, (_, i) => task(`t${i}`));
    const tooMany = (): unknown => validateTaskCollection({ value });
    expect(tooMany).toThrow(BatchError);
    expect(() => validateTaskCollection({ value: value.slice(0, 100) })).not.toThrow();
    try {
      tooMany();
    } catch (error) {
      expect((error as BatchError).batchCode).toBe("RequestBodyTooLarge");
      expect((error as BatchError).status).toBe(413);
    }
    expect(() => validateTaskCollection({ value: [] })).toThrow(/at least one task/);
    expect(() => validateTaskCollection({ tasks: [] })).toThrow(BatchError);
    expect(() => validateTaskCollection([task("a")])).toThrow(BatchError);
  });
});

describe("task add results", () => {
  it("shapes success and failure results as Batch does", () => {
    expect(taskAddSuccess("a", { eTag: "0x1" })).toEqual({
      status: "success",
      taskId: "a",
      eTag: "0x1",
    });
    const client = taskAddFailure("b", new BatchError("TaskExists", "exists"));
    expect(client).toEqual({
      status: "clienterror",
      taskId: "b",
      error: { code: "TaskExists", message: { lang: "en-US", value: "exists" } },
    });
    expect(taskAddFailure("c", new BatchError("ServerBusy", "busy")).status).toBe("servererror");
  });
});
