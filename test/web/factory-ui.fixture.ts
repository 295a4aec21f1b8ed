// The factory the factory-page browser tests deploy: pipelines, a schedule trigger, and
// tumbling window triggers whose windows end in each of ADF's states.

const pipelineRef = (name: string) => ({
  pipelineReference: { referenceName: name, type: "PipelineReference" },
});
const hourMs = 3_600_000;
/**
 * Hourly windows from `start`, `count` of them, all ended. Windows that wait on others start
 * in the last hours: a window whose end is older than its dependency timeout (7 days) would
 * not wait.
 */
const hourly = (start: number, count: number, extra: Record<string, unknown> = {}) => ({
  frequency: "Hour",
  interval: 1,
  startTime: new Date(start).toISOString(),
  endTime: new Date(start + count * hourMs).toISOString(),
  maxConcurrency: 4,
  ...extra,
});
/** Three hours before the start of this hour. */
export const recent = Math.floor(Date.now() / hourMs) * hourMs - 3 * hourMs;

/** `odd-hours` fails the windows that start on an even hour, so windows end both ways. */
export const oddHours = {
  name: "odd-hours",
  properties: {
    description: "Succeeds for windows starting on an odd hour.",
    parameters: { windowStart: { type: "String" } },
    activities: [
      { name: "Begin", type: "Wait", typeProperties: { waitTimeInSeconds: 0 } },
      {
        name: "Gate",
        type: "IfCondition",
        dependsOn: [{ activity: "Begin", dependencyConditions: ["Succeeded"] }],
        typeProperties: {
          expression: {
            value:
              "@equals(mod(int(formatDateTime(pipeline().parameters.windowStart, 'HH')), 2), 0)",
            type: "Expression",
          },
          ifTrueActivities: [
            {
              name: "EvenHour",
              type: "Fail",
              typeProperties: { message: "even hour", errorCode: "Even" },
            },
          ],
        },
      },
    ],
  },
};

export const factory = {
  factory: { name: "default", properties: {} },
  pipelines: [
    oddHours,
    { name: "nightly", properties: { activities: [] } },
    {
      name: "slow",
      properties: {
        activities: [{ name: "Long", type: "Wait", typeProperties: { waitTimeInSeconds: 3600 } }],
      },
    },
  ],
  datasets: [],
  linkedServices: [],
  triggers: [
    {
      name: "EveryNight",
      properties: {
        type: "ScheduleTrigger",
        typeProperties: {
          recurrence: { frequency: "Day", interval: 1, startTime: "2026-01-01T02:00:00Z" },
        },
        pipelines: [pipelineRef("nightly")],
      },
    },
    {
      name: "Hourly",
      properties: {
        type: "TumblingWindowTrigger",
        typeProperties: hourly(Date.parse("2026-01-01T00:00:00Z"), 4),
        pipeline: {
          ...pipelineRef("odd-hours"),
          parameters: { windowStart: "@trigger().outputs.windowStartTime" },
        },
      },
    },
    {
      // One window at a time of a pipeline that waits an hour: one runs, the rest wait.
      name: "Slow",
      properties: {
        type: "TumblingWindowTrigger",
        typeProperties: hourly(recent, 3, { maxConcurrency: 1 }),
        pipeline: pipelineRef("slow"),
      },
    },
    {
      // Needs Slow's window: waits on it.
      name: "Downstream",
      properties: {
        type: "TumblingWindowTrigger",
        typeProperties: hourly(recent, 2, {
          dependsOn: [
            {
              type: "TumblingWindowTriggerDependencyReference",
              referenceTrigger: { referenceName: "Slow", type: "TriggerReference" },
            },
          ],
        }),
        pipeline: pipelineRef("nightly"),
      },
    },
  ],
  others: [],
};
