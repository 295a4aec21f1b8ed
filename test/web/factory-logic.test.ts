// The factory pages' pure parts: window states and counts, trigger and pipeline facts.
import { describe, expect, it } from "vitest";
import { activityNamed, pipelineFacts } from "../../web/src/logic/pipeline-facts.js";
import { triggerFacts } from "../../web/src/logic/trigger-facts.js";
import {
  canRerunWindow,
  windowCounts,
  windowStates,
  windowsShown,
} from "../../web/src/logic/windows.js";

const window = (hour: number, status: string) => ({
  windowStartTime: `2026-01-01T${String(hour).padStart(2, "0")}:00:00.000Z`,
  status,
});

describe("tumbling windows", () => {
  const windows = [
    window(0, "Succeeded"),
    window(2, "Failed"),
    window(1, "Failed"),
    window(3, "WaitingOnDependency"),
  ];

  it("counts every ADF state, zero for the absent ones", () => {
    expect([...windowCounts(windows)]).toEqual([
      ["Waiting", 0],
      ["WaitingOnDependency", 1],
      ["Running", 0],
      ["Succeeded", 1],
      ["Failed", 2],
      ["Cancelled", 0],
    ]);
    expect(windowStates).toHaveLength(6);
  });

  it("shows newest first, filtered by state", () => {
    expect(windowsShown(windows, "").map((w) => w.status)).toEqual([
      "WaitingOnDependency",
      "Failed",
      "Failed",
      "Succeeded",
    ]);
    expect(windowsShown(windows, "Failed").map((w) => w.windowStartTime)).toEqual([
      "2026-01-01T02:00:00.000Z",
      "2026-01-01T01:00:00.000Z",
    ]);
    expect(windowsShown(windows, "Running")).toEqual([]);
  });

  it("offers a rerun only of an ended window", () => {
    const ended = windowStates.filter(canRerunWindow);
    expect(ended).toEqual(["Succeeded", "Failed", "Cancelled"]);
  });
});

describe("trigger facts", () => {
  it("reads a schedule trigger's pipelines and state", () => {
    const facts = triggerFacts({
      type: "ScheduleTrigger",
      runtimeState: "Started",
      pipelines: [
        { pipelineReference: { referenceName: "a" } },
        { pipelineReference: { referenceName: "b" } },
      ],
    });
    expect(facts).toEqual({ type: "ScheduleTrigger", state: "Started", pipelines: ["a", "b"] });
  });

  it("reads a tumbling window trigger's one pipeline; no state reads as Stopped", () => {
    const facts = triggerFacts({
      type: "TumblingWindowTrigger",
      pipeline: { pipelineReference: { referenceName: "hourly" } },
    });
    expect(facts).toEqual({
      type: "TumblingWindowTrigger",
      state: "Stopped",
      pipelines: ["hourly"],
    });
    expect(triggerFacts({})).toEqual({ type: "–", state: "Stopped", pipelines: [] });
  });
});

describe("pipeline facts", () => {
  const properties = {
    description: "Loads sales",
    folder: { name: "ingest" },
    parameters: { day: { type: "String" }, region: { type: "String" } },
    activities: [
      { name: "Copy", type: "Copy" },
      { name: "Notify", type: "WebActivity" },
    ],
  };

  it("reads folder, description, parameters and the activity count", () => {
    expect(pipelineFacts(properties)).toEqual({
      activities: 2,
      parameters: ["day", "region"],
      folder: "ingest",
      description: "Loads sales",
    });
    expect(pipelineFacts({})).toEqual({
      activities: 0,
      parameters: [],
      folder: "",
      description: "",
    });
  });

  it("finds a top-level activity by name", () => {
    expect(activityNamed(properties.activities, "Notify")).toEqual({
      name: "Notify",
      type: "WebActivity",
    });
    expect(activityNamed(properties.activities, "Missing")).toBeUndefined();
    expect(activityNamed(undefined, "Copy")).toBeUndefined();
  });
});
