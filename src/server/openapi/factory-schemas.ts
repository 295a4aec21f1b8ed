import {
  adfList,
  adfResource,
  anyObject,
  arrayOf,
  bool,
  int,
  obj,
  queryAnswer,
  ref,
  str,
  time,
  type Schema,
} from "./schema-helpers.js";

const activity = obj(
  {
    name: str(),
    type: str("Custom, ForEach, Copy, ... (see docs/activities.md)"),
    dependsOn: arrayOf(obj({ activity: str(), dependencyConditions: arrayOf(str()) })),
    policy: anyObject,
    typeProperties: anyObject,
    linkedServiceName: anyObject,
  },
  ["name", "type"],
);
const runFilter = obj({
  operand: str("PipelineName, Status, RunId, TriggerName, ActivityName, ActivityType, ..."),
  operator: str("Equals | NotEquals | In | NotIn"),
  values: arrayOf(str()),
});

/** ADF resources, as ADF names their fields. */
export const factorySchemas: Record<string, Schema> = {
  CloudError: obj(
    { error: obj({ code: str(), message: str(), target: str(), details: arrayOf(anyObject) }) },
    ["error"],
  ),
  Factory: obj({
    name: str(),
    properties: obj({ globalParameters: anyObject }),
    etag: str(),
  }),
  FactoryDefinition: obj({
    factory: anyObject,
    pipelines: arrayOf(ref("PipelineResource")),
    datasets: arrayOf(ref("DatasetResource")),
    linkedServices: arrayOf(ref("LinkedServiceResource")),
    triggers: arrayOf(ref("TriggerResource")),
  }),
  DeployResult: anyObject,
  PipelineResource: adfResource(
    obj({
      description: str(),
      parameters: anyObject,
      variables: anyObject,
      activities: arrayOf(activity),
      concurrency: int(),
      folder: anyObject,
    }),
  ),
  DatasetResource: adfResource(
    obj({
      type: str(),
      linkedServiceName: anyObject,
      typeProperties: anyObject,
      parameters: anyObject,
    }),
  ),
  LinkedServiceResource: adfResource(
    obj({ type: str(), typeProperties: anyObject, parameters: anyObject, connectVia: anyObject }),
  ),
  TriggerResource: adfResource(
    obj({
      type: str("ScheduleTrigger | TumblingWindowTrigger | BlobEventsTrigger | ..."),
      runtimeState: str("Started | Stopped (read-only)"),
      typeProperties: anyObject,
      pipelines: arrayOf(anyObject),
      pipeline: anyObject,
    }),
  ),
  PipelineResourceList: adfList("PipelineResource"),
  DatasetResourceList: adfList("DatasetResource"),
  LinkedServiceResourceList: adfList("LinkedServiceResource"),
  TriggerResourceList: adfList("TriggerResource"),
  PipelineRunParameters: {
    type: "object",
    description: "The run's parameter values, by name",
    additionalProperties: true,
  },
  CreateRunResponse: obj({ runId: str() }, ["runId"]),
  RunFilterParameters: obj({
    lastUpdatedAfter: time,
    lastUpdatedBefore: time,
    filters: arrayOf(runFilter),
    orderBy: arrayOf(obj({ orderBy: str(), order: str("ASC | DESC") })),
    continuationToken: str(),
  }),
  PipelineRun: obj({
    runId: str(),
    pipelineName: str(),
    status: str("Queued | InProgress | Succeeded | Failed | Canceling | Cancelled"),
    runStart: time,
    runEnd: time,
    durationInMs: int(),
    parameters: anyObject,
    invokedBy: anyObject,
    runGroupId: str(),
    isLatest: bool,
    message: str(),
    lastUpdated: time,
  }),
  ActivityRun: obj({
    activityRunId: str(),
    activityName: str(),
    activityType: str(),
    pipelineRunId: str(),
    status: str(),
    activityRunStart: time,
    activityRunEnd: time,
    durationInMs: int(),
    input: anyObject,
    output: anyObject,
    error: obj({ errorCode: str(), message: str(), failureType: str(), target: str() }),
  }),
  TriggerRun: obj({
    triggerRunId: str(),
    triggerName: str(),
    triggerType: str(),
    triggerRunTimestamp: time,
    status: str("Succeeded | Failed | Inprogress"),
    message: str(),
    properties: anyObject,
    triggeredPipelines: anyObject,
  }),
  PipelineRunsQueryResponse: queryAnswer("PipelineRun"),
  ActivityRunsQueryResponse: queryAnswer("ActivityRun"),
  TriggerRunsQueryResponse: queryAnswer("TriggerRun"),
  NextFires: obj({ value: arrayOf(time) }, ["value"]),
  BackfillRequest: obj({ startTime: time, endTime: time }, ["startTime", "endTime"]),
  BackfillResult: obj({ fired: int("How many fires were created") }, ["fired"]),
  TriggerWindowList: obj({
    value: arrayOf(
      obj({
        windowStartTime: time,
        windowEndTime: time,
        status: str("Waiting | WaitingOnDependency | Running | Succeeded | Failed | Cancelled"),
        attempt: int(),
        runId: str(),
      }),
    ),
  }),
};
