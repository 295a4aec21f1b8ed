import { describe, expect, it } from "vitest";
import { allTasksComplete, countTasks } from "./task-counts.js";

describe("countTasks", () => {
  it("counts tasks and slots by state, preparing as running", () => {
    const result = countTasks([
      { state: "active" },
      { state: "active", requiredSlots: 3 },
      { state: "preparing", requiredSlots: 2 },
      { state: "running" },
      { state: "completed", result: "success", requiredSlots: 2 },
      { state: "completed", result: "failure" },
      { state: "completed" },
    ]);
    expect(result.taskCounts).toEqual({
      active: 2,
      running: 2,
      completed: 3,
      succeeded: 1,
      failed: 2,
    });
    expect(result.taskSlotCounts).toEqual({
      active: 4,
      running: 3,
      completed: 4,
      succeeded: 2,
      failed: 2,
    });
  });

  it("treats a job without tasks as all complete", () => {
    const { taskCounts } = countTasks([]);
    expect(taskCounts).toEqual({ active: 0, running: 0, completed: 0, succeeded: 0, failed: 0 });
    expect(allTasksComplete(taskCounts)).toBe(true);
    expect(allTasksComplete(countTasks([{ state: "running" }]).taskCounts)).toBe(false);
  });
});
