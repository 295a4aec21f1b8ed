import { describe, expect, it } from "vitest";
import { planPoolAgents } from "./pool-agent-plan.js";

describe("planPoolAgents", () => {
  it("fills free indexes up to the target", () => {
    expect(planPoolAgents(3, [1], [], 0)).toEqual({ start: [0, 2], dropRestarts: [] });
  });

  it("restarts a crashed agent at its index once due, and counts it meanwhile", () => {
    const restarts = [{ index: 0, dueAt: 100 }];
    expect(planPoolAgents(2, [1], restarts, 50)).toEqual({ start: [], dropRestarts: [] });
    expect(planPoolAgents(2, [1], restarts, 100)).toEqual({ start: [0], dropRestarts: [] });
  });

  it("drops restarts the smaller target no longer needs and leaves surplus agents to the server", () => {
    const restarts = [{ index: 2, dueAt: 0 }];
    expect(planPoolAgents(1, [0, 1], restarts, 0)).toEqual({ start: [], dropRestarts: [2] });
    expect(planPoolAgents(0, [], [], 0)).toEqual({ start: [], dropRestarts: [] });
  });
});
