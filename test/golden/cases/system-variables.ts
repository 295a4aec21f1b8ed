import { page, type GoldenCase } from "../golden-case.js";

const sysVars = "data-factory/control-flow-system-variables.md";
const runScope = {
  pipeline: {
    DataFactory: "contoso-adf",
    Pipeline: "demo_pipeline",
    RunId: "8a5b7d7e-1234-4f7c-9c1e-0123456789ab",
    TriggerType: "ScheduleTrigger",
    TriggerId: "08585432100000000000000000000CU00",
    TriggerName: "trigger1",
    TriggerTime: "2017-06-01T22:20:00.4061448Z",
    GroupId: "5f1e0a3c-aaaa-bbbb-cccc-0123456789ab",
  },
};
const childRunScope = {
  pipeline: {
    ...runScope.pipeline,
    TriggerType: "PipelineActivity",
    TriggeredByPipelineName: "parent_pipeline",
    TriggeredByPipelineRunId: "1f2e3d4c-0000-1111-2222-333344445555",
  },
};
const scheduleScope = {
  trigger: { scheduledTime: "2017-06-01T22:20:00Z", startTime: "2017-06-01T22:20:00.4061448Z" },
};
export const windowScope = {
  trigger: {
    scheduledTime: "2017-09-08T05:45:01Z",
    startTime: "2017-09-08T05:45:01.1234567Z",
    outputs: { windowStartTime: "2017-09-08T05:30:00Z", windowEndTime: "2017-09-08T05:45:00Z" },
  },
};
const blobScope = {
  trigger: {
    startTime: "2021-03-03T04:38:00.1234567Z",
    outputs: { body: { fileName: "sales.csv", folderPath: "landing/2021/03" } },
  },
  triggerBody: { fileName: "sales.csv", folderPath: "landing/2021/03" },
};
const customEventScope = {
  trigger: { startTime: "2021-03-03T04:38:00.1234567Z" },
  triggerBody: {
    event: {
      eventType: "Contoso.Orders.Created",
      subject: "orders/42",
      data: { callback: "https://contoso.com/cb", orderId: 42 },
    },
  },
};

/** System variables, through the scope, as `control-flow-system-variables.md` lists them. */
export const systemVariableCases: readonly GoldenCase[] = [
  {
    expression: "@pipeline().DataFactory",
    scope: runScope,
    expected: "contoso-adf",
    source: page(sysVars, "pipeline-scope"),
  },
  {
    expression: "@pipeline().Pipeline",
    scope: runScope,
    expected: "demo_pipeline",
    source: page(sysVars, "pipeline-scope"),
  },
  {
    expression: "@pipeline().RunId",
    scope: runScope,
    expected: "8a5b7d7e-1234-4f7c-9c1e-0123456789ab",
    source: page(sysVars, "pipeline-scope"),
  },
  {
    expression: "@pipeline().TriggerType",
    scope: runScope,
    expected: "ScheduleTrigger",
    source: page(sysVars, "pipeline-scope"),
  },
  {
    expression: "@pipeline().TriggerType",
    scope: { pipeline: { ...runScope.pipeline, TriggerType: "Manual" } },
    expected: "Manual",
    source: page(sysVars, "pipeline-scope"),
  },
  {
    expression: "@pipeline().TriggerId",
    scope: runScope,
    expected: "08585432100000000000000000000CU00",
    source: page(sysVars, "pipeline-scope"),
  },
  {
    expression: "@pipeline().TriggerName",
    scope: runScope,
    expected: "trigger1",
    source: page(sysVars, "pipeline-scope"),
  },
  {
    expression: "@pipeline().TriggerTime",
    scope: runScope,
    expected: "2017-06-01T22:20:00.4061448Z",
    source: page(sysVars, "pipeline-scope"),
  },
  {
    expression: "@pipeline().GroupId",
    scope: runScope,
    expected: "5f1e0a3c-aaaa-bbbb-cccc-0123456789ab",
    source: page(sysVars, "pipeline-scope"),
  },
  {
    expression: "@pipeline()?.TriggeredByPipelineName",
    scope: childRunScope,
    expected: "parent_pipeline",
    source: page(sysVars, "pipeline-scope"),
  },
  {
    expression: "@pipeline()?.TriggeredByPipelineRunId",
    scope: childRunScope,
    expected: "1f2e3d4c-0000-1111-2222-333344445555",
    source: page(sysVars, "pipeline-scope"),
  },
  {
    expression: "@pipeline()?.TriggeredByPipelineName",
    scope: runScope,
    expected: null,
    source: page(sysVars, "pipeline-scope"),
    note: "Doc: evaluates to null when the run was not started by an Execute Pipeline activity.",
  },
  {
    expression: "@pipeline()?.TriggeredByPipelineRunId",
    scope: runScope,
    expected: null,
    source: page(sysVars, "pipeline-scope"),
    note: "Doc: evaluates to null when the run was not started by an Execute Pipeline activity.",
  },
  {
    expression: "@{pipeline()?.TriggeredByPipelineName}",
    scope: childRunScope,
    expected: "parent_pipeline",
    source: page(sysVars, "pipeline-scope"),
  },
  {
    expression: "@trigger().scheduledTime",
    scope: scheduleScope,
    expected: "2017-06-01T22:20:00Z",
    source: page(sysVars, "schedule-trigger-scope"),
  },
  {
    expression: "@trigger().startTime",
    scope: scheduleScope,
    expected: "2017-06-01T22:20:00.4061448Z",
    source: page(sysVars, "schedule-trigger-scope"),
  },
  {
    expression: "@trigger().outputs.windowStartTime",
    scope: windowScope,
    expected: "2017-09-08T05:30:00Z",
    source: page(sysVars, "tumbling-window-trigger-scope"),
  },
  {
    expression: "@trigger().outputs.windowEndTime",
    scope: windowScope,
    expected: "2017-09-08T05:45:00Z",
    source: page(sysVars, "tumbling-window-trigger-scope"),
  },
  {
    expression: "@trigger().scheduledTime",
    scope: windowScope,
    expected: "2017-09-08T05:45:01Z",
    source: page(sysVars, "tumbling-window-trigger-scope"),
  },
  {
    expression: "@trigger().startTime",
    scope: windowScope,
    expected: "2017-09-08T05:45:01.1234567Z",
    source: page(sysVars, "tumbling-window-trigger-scope"),
  },
  {
    expression: "@triggerBody().fileName",
    scope: blobScope,
    expected: "sales.csv",
    source: page(sysVars, "storage-event-trigger-scope"),
  },
  {
    expression: "@triggerBody().folderPath",
    scope: blobScope,
    expected: "landing/2021/03",
    source: page(sysVars, "storage-event-trigger-scope"),
  },
  {
    expression: "@first(split(triggerBody().folderPath, '/'))",
    scope: blobScope,
    expected: "landing",
    source: page(sysVars, "storage-event-trigger-scope"),
    note: "Doc: the first segment of the folder path is the container name.",
  },
  {
    expression: "@trigger().startTime",
    scope: blobScope,
    expected: "2021-03-03T04:38:00.1234567Z",
    source: page(sysVars, "storage-event-trigger-scope"),
  },
  {
    expression: "@trigger().outputs.body.fileName",
    scope: blobScope,
    expected: "sales.csv",
    source: page(sysVars, "storage-event-trigger-scope"),
    note: "The Synapse form named in the doc's note.",
  },
  {
    expression: "@trigger().outputs.body.folderPath",
    scope: blobScope,
    expected: "landing/2021/03",
    source: page(sysVars, "storage-event-trigger-scope"),
    note: "The Synapse form named in the doc's note.",
  },
  {
    expression: "@triggerBody().event.eventType",
    scope: customEventScope,
    expected: "Contoso.Orders.Created",
    source: page(sysVars, "custom-event-trigger-scope"),
  },
  {
    expression: "@triggerBody().event.subject",
    scope: customEventScope,
    expected: "orders/42",
    source: page(sysVars, "custom-event-trigger-scope"),
  },
  {
    expression: "@triggerBody().event.data.callback",
    scope: customEventScope,
    expected: "https://contoso.com/cb",
    source: page(sysVars, "custom-event-trigger-scope"),
  },
  {
    expression: "@triggerBody().event.data.orderId",
    scope: customEventScope,
    expected: 42,
    source: page(sysVars, "custom-event-trigger-scope"),
  },
  {
    expression: "@trigger().startTime",
    scope: customEventScope,
    expected: "2021-03-03T04:38:00.1234567Z",
    source: page(sysVars, "custom-event-trigger-scope"),
  },
];
