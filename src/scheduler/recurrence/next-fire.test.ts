// The schedule examples of ADF's trigger documentation (concepts-pipeline-execution-triggers.md,
// "Examples of trigger recurrence schedules", and its startTime table), each as a recurrence
// with the frequency the doc assumes, and their fire times; then time zones and DST changes.
import { describe, expect, test } from "vitest";
import { parseTrigger } from "../definition/parse-trigger.js";
import type { Recurrence } from "../definition/trigger-spec.js";
import { firesBetween, nextFire, nextFires } from "./next-fire.js";

function recurrence(fields: Record<string, unknown>): Recurrence {
  const parsed = parseTrigger({
    name: "T",
    properties: { type: "ScheduleTrigger", typeProperties: { recurrence: fields } },
  });
  if (parsed.spec?.type !== "ScheduleTrigger") throw new Error(JSON.stringify(parsed.problems));
  return parsed.spec.recurrence;
}

/** The first `count` fires from the start time on, as ISO UTC. */
function fires(fields: Record<string, unknown>, count: number, after?: string): string[] {
  const r = recurrence(fields);
  const from = after === undefined ? r.startUtc - 1 : Date.parse(after);
  return nextFires(r, from, count).map((t) => new Date(t).toISOString().replace(".000", ""));
}

const start = "2024-01-01T00:00:00Z"; // a Monday
const all24 = Array.from({ length: 24 }, (_, h) => h);

describe("ADF's schedule examples", () => {
  const cases: [string, Record<string, unknown>, string, string[]][] = [
    [
      '{"hours":[5]}: 5:00 AM every day',
      { frequency: "Day", schedule: { hours: [5] } },
      start,
      ["2024-01-01T05:00:00Z", "2024-01-02T05:00:00Z", "2024-01-03T05:00:00Z"],
    ],
    [
      '{"minutes":[15],"hours":[5]}: 5:15 AM every day',
      { frequency: "Day", schedule: { minutes: [15], hours: [5] } },
      start,
      ["2024-01-01T05:15:00Z", "2024-01-02T05:15:00Z"],
    ],
    [
      '{"minutes":[15],"hours":[5,17]}: 5:15 AM and 5:15 PM',
      { frequency: "Day", schedule: { minutes: [15], hours: [5, 17] } },
      start,
      ["2024-01-01T05:15:00Z", "2024-01-01T17:15:00Z", "2024-01-02T05:15:00Z"],
    ],
    [
      '{"minutes":[15,45],"hours":[5,17]}',
      { frequency: "Day", schedule: { minutes: [15, 45], hours: [5, 17] } },
      start,
      [
        "2024-01-01T05:15:00Z",
        "2024-01-01T05:45:00Z",
        "2024-01-01T17:15:00Z",
        "2024-01-01T17:45:00Z",
        "2024-01-02T05:15:00Z",
      ],
    ],
    [
      '{"minutes":[0,15,30,45]}: every 15 minutes',
      { frequency: "Hour", schedule: { minutes: [0, 15, 30, 45] } },
      start,
      [
        "2024-01-01T00:00:00Z",
        "2024-01-01T00:15:00Z",
        "2024-01-01T00:30:00Z",
        "2024-01-01T00:45:00Z",
        "2024-01-01T01:00:00Z",
      ],
    ],
    [
      '{"hours":[0..23]}: every hour, minutes from startTime (12:25)',
      { frequency: "Day", schedule: { hours: all24 } },
      "2024-01-01T12:25:00Z",
      ["2024-01-01T12:25:00Z", "2024-01-01T13:25:00Z", "2024-01-01T14:25:00Z"],
    ],
    [
      '{"minutes":[0]}: every hour on the hour',
      { frequency: "Day", schedule: { minutes: [0] } },
      start,
      ["2024-01-01T00:00:00Z", "2024-01-01T01:00:00Z", "2024-01-01T02:00:00Z"],
    ],
    [
      '{"minutes":[15]}: 15 past every hour',
      { frequency: "Day", schedule: { minutes: [15] } },
      start,
      ["2024-01-01T00:15:00Z", "2024-01-01T01:15:00Z"],
    ],
    [
      '{"hours":[17],"weekDays":["saturday"]}',
      { frequency: "Week", schedule: { hours: [17], weekDays: ["saturday"] } },
      start,
      ["2024-01-06T17:00:00Z", "2024-01-13T17:00:00Z"],
    ],
    [
      '{"hours":[17],"weekDays":["monday","wednesday","friday"]}',
      { frequency: "Week", schedule: { hours: [17], weekDays: ["monday", "wednesday", "friday"] } },
      start,
      [
        "2024-01-01T17:00:00Z",
        "2024-01-03T17:00:00Z",
        "2024-01-05T17:00:00Z",
        "2024-01-08T17:00:00Z",
      ],
    ],
    [
      '{"minutes":[15,45],"hours":[17],"weekDays":[mon,wed,fri]}',
      {
        frequency: "Week",
        schedule: { minutes: [15, 45], hours: [17], weekDays: ["monday", "wednesday", "friday"] },
      },
      start,
      ["2024-01-01T17:15:00Z", "2024-01-01T17:45:00Z", "2024-01-03T17:15:00Z"],
    ],
    [
      '{"minutes":[0,15,30,45],"weekDays":[mon..fri]}: every 15 minutes on weekdays',
      {
        frequency: "Week",
        schedule: {
          minutes: [0, 15, 30, 45],
          weekDays: ["monday", "tuesday", "wednesday", "thursday", "friday"],
        },
      },
      "2024-01-05T23:30:00Z",
      ["2024-01-05T23:30:00Z", "2024-01-05T23:45:00Z", "2024-01-08T00:00:00Z"],
    ],
    [
      '{"minutes":[0,15,30,45],"hours":[9..16],"weekDays":[mon..fri]}',
      {
        frequency: "Week",
        schedule: {
          minutes: [0, 15, 30, 45],
          hours: [9, 10, 11, 12, 13, 14, 15, 16],
          weekDays: ["monday", "tuesday", "wednesday", "thursday", "friday"],
        },
      },
      "2024-01-05T16:30:00Z",
      ["2024-01-05T16:30:00Z", "2024-01-05T16:45:00Z", "2024-01-08T09:00:00Z"],
    ],
    [
      '{"weekDays":["tuesday","thursday"]}: at the start time',
      { frequency: "Week", schedule: { weekDays: ["tuesday", "thursday"] } },
      "2024-01-01T08:30:00Z",
      ["2024-01-02T08:30:00Z", "2024-01-04T08:30:00Z", "2024-01-09T08:30:00Z"],
    ],
    [
      '{"minutes":[0],"hours":[6],"monthDays":[28]}',
      { frequency: "Month", schedule: { minutes: [0], hours: [6], monthDays: [28] } },
      start,
      ["2024-01-28T06:00:00Z", "2024-02-28T06:00:00Z", "2024-03-28T06:00:00Z"],
    ],
    [
      '{"minutes":[0],"hours":[6],"monthDays":[-1]}: the last day',
      { frequency: "Month", schedule: { minutes: [0], hours: [6], monthDays: [-1] } },
      start,
      [
        "2024-01-31T06:00:00Z",
        "2024-02-29T06:00:00Z",
        "2024-03-31T06:00:00Z",
        "2024-04-30T06:00:00Z",
      ],
    ],
    [
      '{"minutes":[0],"hours":[6],"monthDays":[1,-1]}',
      { frequency: "Month", schedule: { minutes: [0], hours: [6], monthDays: [1, -1] } },
      start,
      [
        "2024-01-01T06:00:00Z",
        "2024-01-31T06:00:00Z",
        "2024-02-01T06:00:00Z",
        "2024-02-29T06:00:00Z",
      ],
    ],
    [
      '{"monthDays":[1,14]}: at the start time',
      { frequency: "Month", schedule: { monthDays: [1, 14] } },
      "2024-01-01T08:00:00Z",
      [
        "2024-01-01T08:00:00Z",
        "2024-01-14T08:00:00Z",
        "2024-02-01T08:00:00Z",
        "2024-02-14T08:00:00Z",
      ],
    ],
    [
      '{"minutes":[0],"hours":[5],"monthlyOccurrences":[friday 1]}',
      {
        frequency: "Month",
        schedule: {
          minutes: [0],
          hours: [5],
          monthlyOccurrences: [{ day: "friday", occurrence: 1 }],
        },
      },
      start,
      ["2024-01-05T05:00:00Z", "2024-02-02T05:00:00Z", "2024-03-01T05:00:00Z"],
    ],
    [
      '{"monthlyOccurrences":[friday 1]}: at the start time',
      { frequency: "Month", schedule: { monthlyOccurrences: [{ day: "friday", occurrence: 1 }] } },
      "2024-01-01T07:00:00Z",
      ["2024-01-05T07:00:00Z", "2024-02-02T07:00:00Z"],
    ],
    [
      '{"monthlyOccurrences":[friday -3]}: third Friday from the end',
      { frequency: "Month", schedule: { monthlyOccurrences: [{ day: "friday", occurrence: -3 }] } },
      "2024-01-01T07:00:00Z",
      ["2024-01-12T07:00:00Z", "2024-02-09T07:00:00Z", "2024-03-15T07:00:00Z"],
    ],
    [
      '{"minutes":[15],"hours":[5],"monthlyOccurrences":[friday 1, friday -1]}',
      {
        frequency: "Month",
        schedule: {
          minutes: [15],
          hours: [5],
          monthlyOccurrences: [
            { day: "friday", occurrence: 1 },
            { day: "friday", occurrence: -1 },
          ],
        },
      },
      start,
      [
        "2024-01-05T05:15:00Z",
        "2024-01-26T05:15:00Z",
        "2024-02-02T05:15:00Z",
        "2024-02-23T05:15:00Z",
      ],
    ],
    [
      '{"monthlyOccurrences":[friday 5]}: only months with a fifth Friday',
      { frequency: "Month", schedule: { monthlyOccurrences: [{ day: "friday", occurrence: 5 }] } },
      "2024-01-01T07:00:00Z",
      ["2024-03-29T07:00:00Z", "2024-05-31T07:00:00Z", "2024-08-30T07:00:00Z"],
    ],
    [
      '{"minutes":[15,45],"hours":[5,17],"monthlyOccurrences":[wednesday 3]}',
      {
        frequency: "Month",
        schedule: {
          minutes: [15, 45],
          hours: [5, 17],
          monthlyOccurrences: [{ day: "wednesday", occurrence: 3 }],
        },
      },
      start,
      [
        "2024-01-17T05:15:00Z",
        "2024-01-17T05:45:00Z",
        "2024-01-17T17:15:00Z",
        "2024-01-17T17:45:00Z",
        "2024-02-21T05:15:00Z",
      ],
    ],
  ];
  test.each(cases)("%s", (_title, fields, startTime, expected) => {
    expect(fires({ ...fields, interval: 1, startTime }, expected.length)).toEqual(expected);
  });

  test('{"minutes":[0,15,30,45],"monthlyOccurrences":[friday -1]}: every 15 minutes on the last Friday', () => {
    const r = recurrence({
      frequency: "Month",
      interval: 1,
      startTime: start,
      schedule: {
        minutes: [0, 15, 30, 45],
        monthlyOccurrences: [{ day: "friday", occurrence: -1 }],
      },
    });
    const january = firesBetween(
      r,
      Date.parse("2024-01-01T00:00:00Z"),
      Date.parse("2024-02-01T00:00:00Z"),
      1000,
    );
    expect(january).toHaveLength(96);
    expect(new Date(january[0] ?? 0).toISOString()).toBe("2024-01-26T00:00:00.000Z");
    expect(new Date(nextFire(r, january[95] ?? 0) ?? 0).toISOString()).toBe(
      "2024-02-23T00:00:00.000Z",
    );
  });

  test('{"minutes":[0]} with a weekly frequency fires one day a week only', () => {
    const r = recurrence({
      frequency: "Week",
      interval: 1,
      startTime: start,
      schedule: { minutes: [0] },
    });
    const week = firesBetween(r, Date.parse(start), Date.parse("2024-01-08T00:00:00Z"), 1000);
    expect(week).toHaveLength(24);
    expect(new Date(nextFire(r, week[23] ?? 0) ?? 0).toISOString()).toBe(
      "2024-01-08T00:00:00.000Z",
    );
  });
});

describe("startTime and endTime, as ADF's startTime table states them", () => {
  test("a past start without schedule: the first future occurrence on the start's grid", () => {
    const now = "2017-04-08T13:00:00Z";
    for (const startTime of [
      "2017-04-07T14:00:00Z",
      "2017-04-05T14:00:00Z",
      "2017-04-01T14:00:00Z",
    ]) {
      expect(fires({ frequency: "Day", interval: 2, startTime }, 3, now)).toEqual([
        "2017-04-09T14:00:00Z",
        "2017-04-11T14:00:00Z",
        "2017-04-13T14:00:00Z",
      ]);
    }
  });

  test("a future start fires at the start, then every interval, never at or after endTime", () => {
    expect(
      fires(
        {
          frequency: "Minute",
          interval: 15,
          startTime: "2017-12-08T00:00:00Z",
          endTime: "2017-12-08T01:00:00Z",
        },
        10,
      ),
    ).toEqual([
      "2017-12-08T00:00:00Z",
      "2017-12-08T00:15:00Z",
      "2017-12-08T00:30:00Z",
      "2017-12-08T00:45:00Z",
    ]);
  });

  test("a start with an offset is that instant", () => {
    expect(
      fires(
        {
          frequency: "Hour",
          interval: 1,
          startTime: "2017-11-01T09:00:00-08:00",
          endTime: "2017-11-02T22:00:00-08:00",
        },
        2,
      ),
    ).toEqual(["2017-11-01T17:00:00Z", "2017-11-01T18:00:00Z"]);
  });

  test("a schedule starts no sooner than startTime", () => {
    expect(
      fires(
        {
          frequency: "Day",
          interval: 1,
          startTime: "2024-01-01T06:00:00Z",
          schedule: { hours: [5, 17], minutes: [0] },
        },
        2,
      ),
    ).toEqual(["2024-01-01T17:00:00Z", "2024-01-02T05:00:00Z"]);
  });

  test("monthly without schedule skips months without the start's day; interval counts months", () => {
    expect(
      fires({ frequency: "Month", interval: 1, startTime: "2024-01-31T10:00:00Z" }, 3),
    ).toEqual(["2024-01-31T10:00:00Z", "2024-03-31T10:00:00Z", "2024-05-31T10:00:00Z"]);
    expect(fires({ frequency: "Week", interval: 2, startTime: "2024-01-03T10:00:00Z" }, 2)).toEqual(
      ["2024-01-03T10:00:00Z", "2024-01-17T10:00:00Z"],
    );
  });
});

describe("time zones and daylight saving", () => {
  test("a daily 08:00 in Pacific Standard Time stays 08:00 across spring forward and fall back", () => {
    const spring = {
      frequency: "Day",
      interval: 1,
      timeZone: "Pacific Standard Time",
      startTime: "2024-03-08T08:00:00",
    };
    expect(fires(spring, 4)).toEqual([
      "2024-03-08T16:00:00Z",
      "2024-03-09T16:00:00Z",
      "2024-03-10T15:00:00Z",
      "2024-03-11T15:00:00Z",
    ]);
    const fall = { ...spring, startTime: "2024-11-02T08:00:00" };
    expect(fires(fall, 2)).toEqual(["2024-11-02T15:00:00Z", "2024-11-03T16:00:00Z"]);
  });

  test("an hourly trigger keeps firing at regular intervals across the change (ADF adjusts Day or above only)", () => {
    expect(
      fires(
        {
          frequency: "Hour",
          interval: 1,
          timeZone: "Pacific Standard Time",
          startTime: "2024-03-10T00:00:00",
        },
        4,
      ),
    ).toEqual([
      "2024-03-10T08:00:00Z",
      "2024-03-10T09:00:00Z",
      "2024-03-10T10:00:00Z",
      "2024-03-10T11:00:00Z",
    ]);
  });

  test("02:30 on the spring-forward night fires once, after the jump (03:30 PDT)", () => {
    expect(
      fires(
        {
          frequency: "Day",
          interval: 1,
          timeZone: "Pacific Standard Time",
          startTime: "2024-03-09T02:30:00",
        },
        3,
      ),
    ).toEqual(["2024-03-09T10:30:00Z", "2024-03-10T10:30:00Z", "2024-03-11T09:30:00Z"]);
  });

  test("01:30 on the fall-back night fires once, at its first occurrence", () => {
    expect(
      fires(
        {
          frequency: "Day",
          interval: 1,
          timeZone: "America/Los_Angeles",
          startTime: "2024-11-02T01:30:00",
        },
        3,
      ),
    ).toEqual(["2024-11-02T08:30:00Z", "2024-11-03T08:30:00Z", "2024-11-04T09:30:00Z"]);
  });

  test("Windows and IANA names of one zone agree; every hour of a 25-hour day fires once", () => {
    const base = { frequency: "Day", interval: 1, startTime: "2024-03-30T09:00:00" };
    const windows = fires({ ...base, timeZone: "W. Europe Standard Time" }, 2);
    expect(windows).toEqual(["2024-03-30T08:00:00Z", "2024-03-31T07:00:00Z"]);
    expect(fires({ ...base, timeZone: "Europe/Berlin" }, 2)).toEqual(windows);
    const r = recurrence({
      frequency: "Day",
      interval: 1,
      timeZone: "Europe/Berlin",
      startTime: "2024-10-01T00:00:00",
      schedule: { hours: all24, minutes: [0] },
    });
    const day = firesBetween(
      r,
      Date.parse("2024-10-26T22:00:00Z"),
      Date.parse("2024-10-27T23:00:00Z"),
      100,
    );
    expect(day).toHaveLength(24);
  });

  test("a weekly Monday 09:00 in India Standard Time (UTC+05:30)", () => {
    expect(
      fires(
        {
          frequency: "Week",
          interval: 1,
          timeZone: "India Standard Time",
          startTime: "2024-01-01T09:00:00",
          schedule: { weekDays: ["Monday"], hours: [9], minutes: [0] },
        },
        2,
      ),
    ).toEqual(["2024-01-01T03:30:00Z", "2024-01-08T03:30:00Z"]);
  });

  test("hour frequency with minutes in a half-hour zone reads local minutes", () => {
    expect(
      fires(
        {
          frequency: "Hour",
          interval: 1,
          timeZone: "India Standard Time",
          startTime: "2024-01-01T09:00:00",
          schedule: { minutes: [0, 30] },
        },
        3,
      ),
    ).toEqual(["2024-01-01T03:30:00Z", "2024-01-01T04:00:00Z", "2024-01-01T04:30:00Z"]);
  });
});
