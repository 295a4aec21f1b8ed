// The pure core of the pipeline engine: ADF's run semantics as functions over plain data.
// The durable engine persists runs and drives activities; it calls these.
export * from "./run-status.js";
export * from "./dependency-conditions.js";
export * from "./inactive-activity.js";
export * from "./activity-graph.js";
export * from "./container-outcome.js";
export * from "./branch-result.js";
export { parseTimeSpan, formatTimeSpan, type TimeSpanField } from "./time-span.js";
export * from "./activity-policy.js";
export { parameterTypeOf, coerceParameter, type Coerced } from "./parameter-types.js";
export * from "./bind-parameters.js";
export * from "./variables.js";
export * from "./return-value.js";
export * from "./for-each-plan.js";
export * from "./branch-selection.js";
export * from "./until-plan.js";
export * from "./filter-activity.js";
export * from "./fail-activity.js";
export * from "./activity-outputs.js";
export * from "./expression-scope.js";
export * from "./secure-values.js";
export * from "./activity-error.js";
