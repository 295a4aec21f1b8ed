import { op, type OperationSpec } from "./operation-spec.js";

const factories = "ADF: factories";
const runs = "ADF: pipeline runs";
const triggers = "ADF: triggers";
const kinds = [
  ["pipelines", "pipeline", "PipelineResource"],
  ["datasets", "dataset", "DatasetResource"],
  ["linkedservices", "linked service", "LinkedServiceResource"],
  ["triggers", "trigger", "TriggerResource"],
] as const;

/** A factory resource kind's four paths, as ADF names them. */
function resourceOperations(segment: string, noun: string, schema: string): OperationSpec[] {
  const one = `/factories/:factory/${segment}/:name`;
  const tag = segment === "triggers" ? triggers : factories;
  return [
    op("GET", `/factories/:factory/${segment}`, tag, `List the factory's ${noun}s`, {
      response: `${schema}List`,
      query: ["$skipToken"],
    }),
    op("GET", one, tag, `Get a ${noun}`, { response: schema }),
    op("PUT", one, tag, `Create or replace a ${noun}`, {
      description:
        "Validated as `sluice validate` does; `If-Match` and `If-None-Match: *` are honoured.",
      request: schema,
      response: schema,
    }),
    op("DELETE", one, tag, `Delete a ${noun}`),
  ];
}

/** ADF's factory, pipeline run and trigger paths, without ARM's `/subscriptions/...` prefix. */
export const factoryOperations: readonly OperationSpec[] = [
  op("GET", "/factories/:factory", factories, "Get a factory", { response: "Factory" }),
  op("PUT", "/factories/:factory", factories, "Create or update a factory", {
    description: "Sluice keeps the factory's `globalParameters`; ARM-only fields are ignored.",
    request: "Factory",
    response: "Factory",
  }),
  op("POST", "/factories/:factory/sluice/deploy", factories, "Deploy a whole factory at once", {
    description:
      "Sluice only. The body is a factory folder as `sluice deploy` loads it; everything is validated, then stored in one transaction. `?deleteMissing=true` deletes what the body does not name.",
    request: "FactoryDefinition",
    response: "DeployResult",
    query: ["deleteMissing"],
  }),
  ...kinds.flatMap(([segment, noun, schema]) => resourceOperations(segment, noun, schema)),
  op("POST", "/factories/:factory/pipelines/:pipeline/createRun", runs, "Run a pipeline", {
    description:
      "The body holds the run's parameters. `referencePipelineRunId` with `isRecovery`, `startFromFailure` or `startActivityName` reruns a run.",
    request: "PipelineRunParameters",
    response: "CreateRunResponse",
    query: ["referencePipelineRunId", "isRecovery", "startFromFailure", "startActivityName"],
  }),
  op("GET", "/factories/:factory/pipelineruns/:runId", runs, "Get a pipeline run", {
    response: "PipelineRun",
  }),
  op("POST", "/factories/:factory/queryPipelineRuns", runs, "Query pipeline runs", {
    request: "RunFilterParameters",
    response: "PipelineRunsQueryResponse",
  }),
  op(
    "POST",
    "/factories/:factory/pipelineruns/:runId/queryActivityruns",
    runs,
    "Query a run's activity runs",
    {
      request: "RunFilterParameters",
      response: "ActivityRunsQueryResponse",
    },
  ),
  op(
    "POST",
    "/factories/:factory/pipelineruns/:runId/queryActivityRuns",
    runs,
    "Query a run's activity runs (same as queryActivityruns)",
    {
      request: "RunFilterParameters",
      response: "ActivityRunsQueryResponse",
    },
  ),
  op("POST", "/factories/:factory/pipelineruns/:runId/cancel", runs, "Cancel a run", {
    query: ["isRecursive"],
  }),
  op("POST", "/factories/:factory/triggers/:trigger/start", triggers, "Start a trigger"),
  op("POST", "/factories/:factory/triggers/:trigger/stop", triggers, "Stop a trigger"),
  op("POST", "/factories/:factory/queryTriggerRuns", triggers, "Query trigger runs", {
    request: "RunFilterParameters",
    response: "TriggerRunsQueryResponse",
  }),
  op(
    "POST",
    "/factories/:factory/triggers/:trigger/triggerRuns/:runId/rerun",
    triggers,
    "Rerun a tumbling window",
    {
      description:
        "The trigger run id of an ended window: the window waits again and gets a new pipeline run.",
    },
  ),
  op(
    "POST",
    "/factories/:factory/triggers/:trigger/triggerruns/:runId/rerun",
    triggers,
    "Rerun a tumbling window (same as triggerRuns)",
  ),
  op(
    "POST",
    "/factories/:factory/triggers/:trigger/triggerRuns/:runId/cancel",
    triggers,
    "Cancel a tumbling window",
    {
      description:
        "The trigger run id of a Waiting, WaitingOnDependency or Running window: it becomes Cancelled and its pipeline run is cancelled; a rerun runs it again.",
    },
  ),
  op(
    "POST",
    "/factories/:factory/triggers/:trigger/triggerruns/:runId/cancel",
    triggers,
    "Cancel a tumbling window (same as triggerRuns)",
  ),
  op(
    "GET",
    "/factories/:factory/triggers/:trigger/sluice/nextFires",
    triggers,
    "The next fire times",
    {
      description:
        "Sluice only: the next `count` fire times (schedule) or window starts (tumbling window); default 10, at most 1,000.",
      response: "NextFires",
      query: ["count"],
    },
  ),
  op(
    "POST",
    "/factories/:factory/triggers/:trigger/sluice/backfill",
    triggers,
    "Fire a schedule trigger for past times",
    {
      description:
        "Sluice only: fires once at each of the trigger's times in [startTime, endTime) that has not fired yet (at most 10,000).",
      request: "BackfillRequest",
      response: "BackfillResult",
    },
  ),
  op(
    "GET",
    "/factories/:factory/triggers/:trigger/sluice/windows",
    triggers,
    "A tumbling window trigger's windows",
    {
      description: "Sluice only: oldest first, with status, attempt and run id.",
      response: "TriggerWindowList",
    },
  ),
];
