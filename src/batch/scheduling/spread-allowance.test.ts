import { describe, expect, it } from "vitest";
import { spreadAllowance, staysLeastLoaded, type NodeLoad } from "./spread-allowance.js";

const node = (id: string, runningSlots = 0, slots = 4): NodeLoad => ({ id, slots, runningSlots });
const ones = (count: number): number[] => Array.from({ length: count }, () => 1);

describe("spreadAllowance", () => {
  it("splits 4 tasks 2 + 2 over two idle nodes of 4 slots, whoever claims first", () => {
    const nodes = [node("a"), node("b")];
    expect(spreadAllowance({ claimer: node("a"), nodes, readySlots: ones(4) })).toBe(2);
    // a took 2: b's share of the 2 left is 2, and a may take no more.
    const after = [node("a", 2), node("b")];
    expect(spreadAllowance({ claimer: node("b"), nodes: after, readySlots: ones(2) })).toBe(2);
    expect(spreadAllowance({ claimer: node("a", 2), nodes: after, readySlots: ones(2) })).toBe(0);
  });

  it("rounds an odd split up for the first claimer and leaves the rest to the other", () => {
    const nodes = [node("a"), node("b")];
    expect(spreadAllowance({ claimer: node("a"), nodes, readySlots: ones(3) })).toBe(2);
    const after = [node("a", 2), node("b")];
    expect(spreadAllowance({ claimer: node("b"), nodes: after, readySlots: ones(1) })).toBe(1);
  });

  it("gives every free slot when the work fills the pool", () => {
    const nodes = [node("a", 1), node("b")];
    expect(spreadAllowance({ claimer: node("a", 1), nodes, readySlots: ones(50) })).toBe(3);
    expect(spreadAllowance({ claimer: node("b"), nodes, readySlots: ones(50) })).toBe(4);
  });

  it("lets a node take everything when the other nodes are full", () => {
    const nodes = [node("a"), node("b", 4)];
    expect(spreadAllowance({ claimer: node("a"), nodes, readySlots: ones(4) })).toBe(4);
  });

  it("makes a busier node wait while a less loaded one can take the work", () => {
    const nodes = [node("a", 3), node("b", 1)];
    expect(spreadAllowance({ claimer: node("a", 3), nodes, readySlots: ones(1) })).toBe(0);
    expect(spreadAllowance({ claimer: node("b", 1), nodes, readySlots: ones(1) })).toBe(1);
  });

  it("counts each task's requiredSlots, and lets the least loaded node take a wide task", () => {
    // One task of 2 slots on two idle nodes: the even share would be 1 slot each, which fits
    // nobody; the least loaded node (either, they tie) takes it.
    const nodes = [node("a"), node("b")];
    expect(spreadAllowance({ claimer: node("a"), nodes, readySlots: [2] })).toBe(2);
    const busier = [node("a", 1), node("b")];
    // The busier node's share (1 slot) is too small for the task: the idle one takes it.
    expect(spreadAllowance({ claimer: node("a", 1), nodes: busier, readySlots: [2] })).toBe(1);
    expect(spreadAllowance({ claimer: node("b"), nodes: busier, readySlots: [2] })).toBe(2);
  });

  it("never gives more than the claimer's free slots, and nothing with no work", () => {
    const nodes = [node("a", 0, 2), node("b", 0, 8)];
    expect(spreadAllowance({ claimer: node("a", 0, 2), nodes, readySlots: ones(10) })).toBe(2);
    expect(spreadAllowance({ claimer: node("a", 0, 2), nodes, readySlots: [] })).toBe(0);
    expect(spreadAllowance({ claimer: node("a", 2, 2), nodes, readySlots: ones(3) })).toBe(0);
  });

  it("treats a claimer missing from the node list as one more node", () => {
    expect(spreadAllowance({ claimer: node("c"), nodes: [node("a")], readySlots: ones(4) })).toBe(
      2,
    );
  });

  it("spreads over many nodes within one task of each other", () => {
    const loads = [0, 0, 0, 0, 0].map((_, i) => node(`n${i}`, 0, 8));
    const running = new Map(loads.map((n) => [n.id, 0]));
    let ready = 12;
    // Nodes claim in turn, each what its share allows, until the work is gone.
    for (let round = 0; ready > 0 && round < 10; round++) {
      for (const claimer of loads) {
        const now = loads.map((n) => node(n.id, running.get(n.id) ?? 0, 8));
        const me = node(claimer.id, running.get(claimer.id) ?? 0, 8);
        const take = Math.min(
          ready,
          spreadAllowance({ claimer: me, nodes: now, readySlots: ones(ready) }),
        );
        running.set(claimer.id, (running.get(claimer.id) ?? 0) + take);
        ready -= take;
      }
    }
    const counts = [...running.values()];
    expect(ready).toBe(0);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });
});

describe("staysLeastLoaded", () => {
  it("lets a busy node refill the slot it freed without reading the queue", () => {
    const nodes = [node("a", 1, 2), node("b", 2, 2)];
    expect(staysLeastLoaded(node("a", 1, 2), nodes, 1)).toBe(true);
  });

  it("asks for the queue when taking everything could make the claimer the busiest", () => {
    const nodes = [node("a"), node("b")];
    expect(staysLeastLoaded(node("a"), nodes, 4)).toBe(false);
    // A full node cannot take more: it does not hold the claimer back.
    expect(staysLeastLoaded(node("a"), [node("a"), node("b", 4)], 4)).toBe(true);
  });
});
