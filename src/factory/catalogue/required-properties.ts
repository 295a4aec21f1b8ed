/**
 * The `typeProperties` each type requires, from the SDK models (a property without `?`) and
 * the docs where the SDK is looser (SetVariable and AppendVariable need `variableName`).
 * Only types whose definitions Sluice reads are listed; for other ADF types a missing
 * property is ADF's to judge.
 */

/** Required `typeProperties` by activity type. */
export const requiredActivityProperties: Readonly<Record<string, readonly string[]>> = {
  ExecutePipeline: ["pipeline"],
  ForEach: ["items", "activities"],
  IfCondition: ["expression"],
  Switch: ["on"],
  Until: ["expression", "activities"],
  Filter: ["items", "condition"],
  Wait: ["waitTimeInSeconds"],
  SetVariable: ["variableName"],
  AppendVariable: ["variableName", "value"],
  Fail: ["message", "errorCode"],
  WebActivity: ["method", "url"],
  WebHook: ["method", "url"],
  GetMetadata: ["dataset"],
  Custom: ["command"],
  Copy: ["source", "sink"],
  Lookup: ["source", "dataset"],
  Delete: ["dataset"],
  Validation: ["dataset"],
};

/** Required `typeProperties` by trigger type. */
export const requiredTriggerProperties: Readonly<Record<string, readonly string[]>> = {
  ScheduleTrigger: ["recurrence"],
  TumblingWindowTrigger: ["frequency", "interval", "startTime", "maxConcurrency"],
  BlobEventsTrigger: ["events", "scope"],
  CustomEventsTrigger: ["events", "scope"],
  BlobTrigger: ["folderPath", "maxConcurrency", "linkedService"],
};

/**
 * The properties of control activities that hold nested activities, by activity type: arrays
 * of activities, or (Switch `cases`) arrays of `{value, activities}`.
 */
export const nestedActivityProperties: Readonly<Record<string, readonly string[]>> = {
  ForEach: ["activities"],
  Until: ["activities"],
  IfCondition: ["ifTrueActivities", "ifFalseActivities"],
  Switch: ["cases", "defaultActivities"],
};
