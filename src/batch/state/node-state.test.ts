import { describe, expect, it } from "vitest";
import { canRunTasks, nextNodeState, type NodeEvent, type NodeView } from "./node-state.js";

const node = (
  state: NodeView["state"],
  runningTaskSlots = 0,
  schedulingState: NodeView["schedulingState"] = "enabled",
): NodeView => ({
  state,
  runningTaskSlots,
  schedulingState,
});

describe("nextNodeState", () => {
  it.each<[NodeView, NodeEvent, string]>([
    [node("starting"), { kind: "registered" }, "idle"],
    [node("starting"), { kind: "registered", startTask: {} }, "waitingforstarttask"],
    [node("starting"), { kind: "registered", startTask: { waitForSuccess: false } }, "idle"],
    [node("waitingforstarttask"), { kind: "startTaskSucceeded" }, "idle"],
    [node("waitingforstarttask"), { kind: "startTaskFailed" }, "starttaskfailed"],
    [node("idle"), { kind: "startTaskFailed", waitForSuccess: false }, "idle"],
    [node("idle"), { kind: "slotsChanged", runningTaskSlots: 2 }, "running"],
    [node("running", 2), { kind: "slotsChanged", runningTaskSlots: 0 }, "idle"],
    [node("running", 1, "disabled"), { kind: "slotsChanged", runningTaskSlots: 0 }, "offline"],
    [
      node("waitingforstarttask"),
      { kind: "slotsChanged", runningTaskSlots: 1 },
      "waitingforstarttask",
    ],
    [node("running", 1), { kind: "heartbeatLost" }, "unusable"],
    [node("unusable", 0), { kind: "heartbeatRestored" }, "idle"],
    [node("unusable", 0), { kind: "slotsChanged", runningTaskSlots: 1 }, "unusable"],
    [node("idle", 0, "disabled"), { kind: "disableScheduling" }, "offline"],
    [node("running", 1, "disabled"), { kind: "disableScheduling" }, "running"],
    [node("offline", 0, "enabled"), { kind: "enableScheduling" }, "idle"],
    [node("running", 1), { kind: "reboot" }, "rebooting"],
    [node("rebooting"), { kind: "registered" }, "idle"],
    [node("idle"), { kind: "remove" }, "leavingpool"],
    [node("leavingpool"), { kind: "registered" }, "leavingpool"],
  ])("%j on %j -> %s", (view, event, next) => {
    expect(nextNodeState(view, event)).toBe(next);
  });
});

describe("canRunTasks", () => {
  it("is true only for idle or running nodes with scheduling enabled", () => {
    expect(canRunTasks(node("idle"))).toBe(true);
    expect(canRunTasks(node("running", 1))).toBe(true);
    expect(canRunTasks(node("running", 1, "disabled"))).toBe(false);
    for (const state of [
      "starttaskfailed",
      "waitingforstarttask",
      "unusable",
      "offline",
      "leavingpool",
      "rebooting",
    ] as const) {
      expect(canRunTasks(node(state))).toBe(false);
    }
  });
});
