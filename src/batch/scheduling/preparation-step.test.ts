import { describe, expect, it } from "vitest";
import { preparationStep, type PreparationView } from "./preparation-step.js";

const boot = { lastBootTime: 1_000 };
const run = (over: Partial<PreparationView>): PreparationView => ({
  state: "completed",
  start: 2_000,
  succeeded: true,
  blocked: false,
  ...over,
});

describe("preparationStep", () => {
  it("runs the preparation task before the job's first task on a node", () => {
    expect(preparationStep(undefined, boot)).toBe("run");
    expect(preparationStep(run({ state: null, start: null }), boot)).toBe("run");
  });

  it("lets tasks wait for a run in progress on the node", () => {
    expect(preparationStep(run({ state: "running" }), boot)).toBe("join");
  });

  it("runs again when the run in progress was handed out before the node's last boot", () => {
    expect(preparationStep(run({ state: "running", start: 500 }), boot)).toBe("run");
  });

  it("lets tasks start after a success in this boot", () => {
    expect(preparationStep(run({}), boot)).toBe("ready");
  });

  it("reruns a success from before the node rebooted, unless told not to", () => {
    expect(preparationStep(run({ start: 500 }), boot)).toBe("run");
    expect(
      preparationStep(run({ start: 500 }), { ...boot, rerunOnNodeRebootAfterSuccess: false }),
    ).toBe("ready");
  });

  it("keeps the job off a node where it failed with waitForSuccess, not without", () => {
    expect(preparationStep(run({ succeeded: false, blocked: true }), boot)).toBe("blocked");
    expect(preparationStep(run({ succeeded: false }), boot)).toBe("ready");
    // A failure does not rerun after a reboot: rerunOnNodeRebootAfterSuccess is about success.
    expect(preparationStep(run({ succeeded: false, start: 500 }), boot)).toBe("ready");
  });

  it("treats a node that never booted as booted before any run", () => {
    expect(preparationStep(run({ start: 0 }), { lastBootTime: null })).toBe("ready");
  });
});
