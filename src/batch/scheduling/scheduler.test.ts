import { describe, expect, it } from "vitest";
import { scheduleTasks, type ReadyTask } from "./scheduler.js";

const task = (taskId: string, extra: Partial<ReadyTask> = {}): ReadyTask => ({
  jobId: "job",
  taskId,
  priority: 0,
  enqueuedAt: Number(taskId.replace(/\D/g, "")) || 0,
  ...extra,
});
const placed = (assignments: { nodeId: string; taskId: string }[]): string[] =>
  assignments.map((a) => `${a.taskId}@${a.nodeId}`);

describe("scheduleTasks", () => {
  it("runs higher job priority first, then the oldest", () => {
    const tasks = [
      task("t3"),
      task("t1"),
      task("t2", { jobId: "urgent", priority: 100 }),
      task("t4", { priority: -5 }),
    ];
    const result = scheduleTasks({ nodes: [{ id: "n1", freeSlots: 3 }], tasks });
    expect(placed(result)).toEqual(["t2@n1", "t1@n1", "t3@n1"]);
  });

  it("spreads across nodes by default", () => {
    const nodes = [
      { id: "a", freeSlots: 2 },
      { id: "b", freeSlots: 2 },
    ];
    const result = scheduleTasks({ nodes, tasks: [task("t1"), task("t2"), task("t3")] });
    expect(placed(result)).toEqual(["t1@a", "t2@b", "t3@a"]);
  });

  it("packs one node before the next", () => {
    const nodes = [
      { id: "a", freeSlots: 2 },
      { id: "b", freeSlots: 3 },
    ];
    const result = scheduleTasks({
      nodes,
      tasks: [task("t1"), task("t2"), task("t3")],
      nodeFillType: "pack",
    });
    expect(placed(result)).toEqual(["t1@a", "t2@a", "t3@b"]);
  });

  it("honours requiredSlots and backfills smaller tasks", () => {
    const nodes = [
      { id: "a", freeSlots: 2 },
      { id: "b", freeSlots: 1 },
    ];
    const tasks = [task("t1", { requiredSlots: 3 }), task("t2", { requiredSlots: 2 }), task("t3")];
    const result = scheduleTasks({ nodes, tasks });
    expect(placed(result)).toEqual(["t2@a", "t3@b"]);
    expect(result[0]?.requiredSlots).toBe(2);
  });

  it("caps each job at maxParallelTasks, counting tasks already running", () => {
    const jobs = new Map([
      ["capped", { maxParallelTasks: 2, runningTasks: 1 }],
      ["free", { maxParallelTasks: -1, runningTasks: 50 }],
    ]);
    const tasks = [
      task("t1", { jobId: "capped" }),
      task("t2", { jobId: "capped" }),
      task("t3", { jobId: "free" }),
      task("t4", { jobId: "free" }),
    ];
    const result = scheduleTasks({ nodes: [{ id: "n", freeSlots: 10 }], tasks, jobs });
    expect(placed(result)).toEqual(["t1@n", "t3@n", "t4@n"]);
  });

  it("returns nothing without free slots or tasks", () => {
    expect(scheduleTasks({ nodes: [{ id: "n", freeSlots: 0 }], tasks: [task("t1")] })).toEqual([]);
    expect(scheduleTasks({ nodes: [{ id: "n", freeSlots: 4 }], tasks: [] })).toEqual([]);
    expect(scheduleTasks({ nodes: [], tasks: [task("t1")] })).toEqual([]);
  });

  it("is deterministic whatever the input order", () => {
    const tasks = Array.from({ length: 50 }, (_, i) =>
      task(`t${i}`, { enqueuedAt: i % 5, jobId: `j${i % 3}` }),
    );
    const nodes = [
      { id: "b", freeSlots: 7 },
      { id: "a", freeSlots: 5 },
    ];
    const forward = scheduleTasks({ nodes, tasks });
    const backward = scheduleTasks({ nodes: [...nodes].reverse(), tasks: [...tasks].reverse() });
    expect(backward).toEqual(forward);
    expect(forward).toHaveLength(12);
  });

  it("fills every free slot from a queue of 50,000 tasks", () => {
    const tasks = Array.from({ length: 50_000 }, (_, i) =>
      task(`t${i}`, { enqueuedAt: i, requiredSlots: 1 + (i % 2) }),
    );
    const nodes = Array.from({ length: 100 }, (_, i) => ({
      id: `n${String(i).padStart(3, "0")}`,
      freeSlots: 8,
    }));
    const result = scheduleTasks({ nodes, tasks });
    const used = new Map<string, number>();
    for (const a of result) used.set(a.nodeId, (used.get(a.nodeId) ?? 0) + a.requiredSlots);
    expect([...used.values()].every((slots) => slots === 8)).toBe(true);
    expect(result[0]?.taskId).toBe("t0");
    expect(new Set(result.map((a) => a.taskId)).size).toBe(result.length);
  });
});
