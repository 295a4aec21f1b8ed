import { describe, expect, it } from "vitest";
import { evaluate, ExpressionError } from "../../expressions/index.js";
import { activityErrorFrom } from "./activity-error.js";
import {
  frameActivities,
  scopeFor,
  type ScopeInput,
  type SystemVariables,
} from "./expression-scope.js";
import { userError } from "./run-status.js";

const system: SystemVariables = {
  DataFactory: "factory1",
  Pipeline: "Load",
  RunId: "run-1",
  TriggerType: "Manual",
  TriggerId: "trigger-id",
  TriggerName: "Manual",
  TriggerTime: "2024-05-01T10:00:00Z",
  GroupId: "group-1",
};

const base: ScopeInput = {
  system,
  parameters: { folder: "in/" },
  globalParameters: { env: "dev" },
  variables: { total: 3 },
  frames: [
    {
      activities: frameActivities({
        Lookup: { status: "Succeeded", output: { firstRow: { id: 7 } } },
        Broken: { status: "Failed", error: userError("Broken", "2200", "boom") },
        Skipped: { status: "Skipped" },
        Running: { status: "InProgress" },
        Off: { status: "Succeeded", inactive: true },
      }),
    },
  ],
  now: "2024-05-01T10:00:05Z",
};

describe("scopeFor", () => {
  it("exposes system variables, parameters, global parameters and variables", () => {
    const scope = scopeFor(base);
    expect(evaluate("@pipeline().RunId", scope)).toBe("run-1");
    expect(evaluate("@pipeline().TriggerType", scope)).toBe("Manual");
    expect(evaluate("@pipeline()?.TriggeredByPipelineName", scope)).toBeNull();
    expect(evaluate("@pipeline().parameters.folder", scope)).toBe("in/");
    expect(evaluate("@pipeline().globalParameters.env", scope)).toBe("dev");
    expect(evaluate("@variables('total')", scope)).toBe(3);
    expect(evaluate("@utcNow()", scope)).toBe("2024-05-01T10:00:05.0000000Z");
  });

  it("exposes outputs, Status and error of activities that ran; not of skipped or running ones", () => {
    const scope = scopeFor(base);
    expect(evaluate("@activity('Lookup').output.firstRow.id", scope)).toBe(7);
    expect(evaluate("@activity('Broken').Status", scope)).toBe("Failed");
    expect(evaluate("@activity('Broken').error.message", scope)).toBe("boom");
    expect(evaluate("@activity('Off').Status", scope)).toBe("Succeeded");
    expect(() => evaluate("@activity('Skipped').output", scope)).toThrow(ExpressionError);
    expect(() => evaluate("@activity('Running').output", scope)).toThrow(
      /No activity named 'Running'/,
    );
  });

  it("item() is the innermost iteration's; outer levels' activities stay visible", () => {
    const nested = scopeFor({
      ...base,
      frames: [
        ...base.frames,
        {
          activities: frameActivities({ Outer: { status: "Succeeded", output: { n: 1 } } }),
          iteration: { item: { name: "a" } },
        },
        { activities: {}, iteration: { item: 42 } },
      ],
    });
    expect(evaluate("@item()", nested)).toBe(42);
    expect(evaluate("@activity('Outer').output.n", nested)).toBe(1);
    expect(evaluate("@activity('Lookup').output.firstRow.id", nested)).toBe(7);
    const oneLevel = scopeFor({
      ...base,
      frames: [...base.frames, { activities: {}, iteration: { item: null } }],
    });
    expect(evaluate("@item()", oneLevel)).toBeNull();
  });

  it("item() outside a ForEach is an expression error; trigger() only when given", () => {
    expect(() => evaluate("@item()", scopeFor(base))).toThrow(/item\(\) has no value here/);
    const triggered = scopeFor({ ...base, trigger: { scheduledTime: "2024-05-01T10:00:00Z" } });
    expect(evaluate("@trigger().scheduledTime", triggered)).toBe("2024-05-01T10:00:00Z");
  });
});

describe("activityErrorFrom", () => {
  it("reports expression errors as InvalidTemplate, keeping Sluice's code in details", () => {
    let thrown: unknown;
    try {
      evaluate("@variables('nope')", scopeFor(base));
    } catch (error) {
      thrown = error;
    }
    const error = activityErrorFrom("Set1", thrown);
    expect(error).toMatchObject({
      errorCode: "InvalidTemplate",
      target: "Set1",
      failureType: "UserError",
    });
    expect(error.details?.[0]).toMatchObject({ code: "ExpressionMissingVariable" });
  });

  it("reports anything else as a system error", () => {
    expect(activityErrorFrom("A", new Error("oops"))).toEqual({
      errorCode: "InternalError",
      message: "oops",
      failureType: "SystemError",
      target: "A",
    });
  });
});
