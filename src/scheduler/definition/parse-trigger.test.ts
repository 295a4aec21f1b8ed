import { describe, expect, test } from "vitest";
import { checkTriggerSet } from "./check-trigger-set.js";
import { parseTrigger } from "./parse-trigger.js";

const schedule = (recurrence: Record<string, unknown>) => ({
  name: "Nightly",
  properties: { type: "ScheduleTrigger", typeProperties: { recurrence } },
});
const tumbling = (name: string, tp: Record<string, unknown>) => ({
  name,
  properties: {
    type: "TumblingWindowTrigger",
    typeProperties: {
      frequency: "Hour",
      interval: 1,
      startTime: "2024-01-01T00:00:00Z",
      maxConcurrency: 2,
      ...tp,
    },
    pipeline: { pipelineReference: { type: "PipelineReference", referenceName: "P" } },
  },
});
const only = (json: unknown) => parseTrigger(json).problems.map((p) => [p.jsonPath, p.message]);

describe("trigger JSON checks name the field", () => {
  const ok = { frequency: "Day", interval: 1, startTime: "2024-01-01T00:00:00Z" };

  test("a schedule's own missed-fire policy, from its annotation", () => {
    const annotated = (annotations: unknown[]) => {
      const json = schedule(ok);
      return { ...json, properties: { ...json.properties, annotations } };
    };
    const policy = (annotations: unknown[]) => {
      const spec = parseTrigger(annotated(annotations)).spec;
      return spec?.type === "ScheduleTrigger" ? spec.missedFires : "not a schedule";
    };
    expect(policy(["team-a"])).toBeUndefined();
    expect(policy(["sluice:missedFires=catchUp"])).toBe("catchUp");
    expect(policy(["SLUICE:MISSEDFIRES=catch-up", { tag: 1 }])).toBe("catchUp");
    expect(policy(["sluice:missedFires=skip"])).toBe("skip");
    expect(only(annotated(["x", "sluice:missedFires=never"]))).toEqual([
      [
        "$.properties.annotations[1]",
        'trigger "Nightly": annotation "sluice:missedFires=never" names no missed-fire policy; allowed: "sluice:missedFires=skip" or "sluice:missedFires=catchUp"',
      ],
    ]);
  });

  test("unknown frequency", () => {
    expect(only(schedule({ ...ok, frequency: "Fortnight" }))).toEqual([
      [
        "$.properties.typeProperties.recurrence.frequency",
        'trigger "Nightly": frequency is "Fortnight"; allowed: Minute, Hour, Day, Week, Month',
      ],
    ]);
  });

  test("hours out of range", () => {
    const [problem] = only(schedule({ ...ok, schedule: { hours: [5, 24] } }));
    expect(problem?.[0]).toBe("$.properties.typeProperties.recurrence.schedule.hours");
    expect(problem?.[1]).toContain("24; allowed: integers from 0 to 23");
  });

  test("end before start", () => {
    const [problem] = only(schedule({ ...ok, endTime: "2023-12-31T00:00:00Z" }));
    expect(problem?.[0]).toBe("$.properties.typeProperties.recurrence.endTime");
    expect(problem?.[1]).toContain("is not after startTime");
    expect(only(tumbling("W", { endTime: "2023-01-01T00:00:00Z" }))[0]?.[0]).toBe(
      "$.properties.typeProperties.endTime",
    );
  });

  test("unknown time zone", () => {
    const [problem] = only(schedule({ ...ok, timeZone: "Mars Standard Time" }));
    expect(problem?.[0]).toBe("$.properties.typeProperties.recurrence.timeZone");
    expect(problem?.[1]).toContain('"Mars Standard Time" is not a time zone');
  });

  test("weekDays only with a weekly frequency; monthDays never 0", () => {
    expect(only(schedule({ ...ok, schedule: { weekDays: ["Monday"] } }))[0]?.[1]).toContain(
      "weekDays applies only with frequency Week",
    );
    expect(
      only(schedule({ ...ok, frequency: "Month", schedule: { monthDays: [0] } }))[0]?.[0],
    ).toBe("$.properties.typeProperties.recurrence.schedule.monthDays");
  });

  test("tumbling windows: maxConcurrency 1 to 50, self-dependency offset negative, at most 5 dependencies", () => {
    expect(only(tumbling("W", { maxConcurrency: 51 }))[0]?.[0]).toBe(
      "$.properties.typeProperties.maxConcurrency",
    );
    expect(
      only(
        tumbling("W", {
          dependsOn: [{ type: "SelfDependencyTumblingWindowTriggerReference", offset: "01:00:00" }],
        }),
      )[0]?.[0],
    ).toBe("$.properties.typeProperties.dependsOn[0].offset");
    expect(only(tumbling("W", { frequency: "Day" }))[0]?.[1]).toContain(
      "allowed: Minute, Hour, Month",
    );
  });

  test("blob events need a path pattern and known events", () => {
    const blob = (tp: Record<string, unknown>) => ({
      name: "B",
      properties: { type: "BlobEventsTrigger", typeProperties: tp },
    });
    expect(only(blob({ events: ["Microsoft.Storage.BlobCreated"] }))[0]?.[0]).toBe(
      "$.properties.typeProperties.blobPathBeginsWith",
    );
    expect(
      only(blob({ events: ["Microsoft.Storage.BlobRenamed"], blobPathEndsWith: ".csv" }))[0]?.[0],
    ).toBe("$.properties.typeProperties.events[0]");
    expect(
      parseTrigger(
        blob({ events: ["Microsoft.Storage.BlobCreated"], blobPathBeginsWith: "/in/blobs/a/" }),
      ).spec,
    ).toMatchObject({
      type: "BlobEventsTrigger",
      events: ["BlobCreated"],
      ignoreEmptyBlobs: true,
    });
  });

  test("a dependency on a missing trigger, or on one that is not a tumbling window", () => {
    const dependsOn = (name: string) => [
      {
        type: "TumblingWindowTriggerDependencyReference",
        referenceTrigger: { referenceName: name, type: "TriggerReference" },
      },
    ];
    const problems = checkTriggerSet([
      tumbling("A", { dependsOn: dependsOn("Ghost") }),
      tumbling("B", { dependsOn: dependsOn("Nightly") }),
      schedule(ok),
    ]);
    expect(problems.map((p) => [p.trigger, p.code, p.message])).toEqual([
      [
        "A",
        "MissingReference",
        'trigger "A": dependsOn names trigger "Ghost", which does not exist in the factory',
      ],
      [
        "B",
        "InvalidValue",
        'trigger "B": dependsOn names trigger "Nightly", a ScheduleTrigger; allowed: tumbling window triggers only',
      ],
    ]);
    expect(
      checkTriggerSet([tumbling("A", { dependsOn: dependsOn("b") }), tumbling("B", {})]),
    ).toEqual([]);
  });

  test("other ADF trigger types are kept, unsupported", () => {
    expect(
      parseTrigger({ name: "C", properties: { type: "CustomEventsTrigger", typeProperties: {} } })
        .spec,
    ).toEqual({
      type: "Unsupported",
      name: "C",
      typeName: "CustomEventsTrigger",
    });
  });
});
