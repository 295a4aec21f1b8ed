// The public face of src/factory: ADF factory resources, loading and validation, and the
// pipeline engine (built by the pipelines issue).
export type * from "./model/pipeline.js";
export type * from "./model/resources.js";
export * from "./engine/index.js";
export * from "./catalogue/index.js";
export { readFactoryFolder, loadFactoryFolder } from "./loading/factory-folder.js";
export { readArmTemplate, loadArmTemplate } from "./loading/arm-template.js";
export { readFactory, loadFactory } from "./loading/load-factory.js";
export type { FactoryLoadResult } from "./loading/load-result.js";
export * from "./validation/index.js";
export {
  createFactoryService,
  type FactoryDeployOptions,
  type FactoryDeployResult,
  type FactoryService,
  type FactoryServiceDeps,
  type ResourcePage,
} from "./service/factory-service.js";
export type { AdfResource } from "./service/adf-shape.js";
export {
  maskResourceSecrets,
  maskSecretText,
  restoreMaskedSecrets,
} from "./service/secret-masking.js";
export { shownFactoryService, shownResource } from "./service/shown-factory-service.js";
export {
  factoryKinds,
  factoryType,
  type FactoryResourceKind,
  type KindInfo,
} from "./service/resource-kinds.js";
export type {
  CreateRunOptions,
  PipelineRunService,
  RunInvoker,
} from "./service/pipeline-run-service.js";
export {
  RunQueryService,
  createRunQueryService,
  type PipelineRunReads,
  type RunQueryServiceDeps,
  type RunQueryStores,
} from "./service/run-query-service.js";
export {
  activityRunView,
  isoTime,
  noSecrets,
  parameterSecrets,
  pipelineRunView,
  type RunSecrets,
} from "./service/run-views.js";
export { RunSecretLookup, secureParameterNames } from "./service/run-secret-lookup.js";
export { activityRunQueryOf, parseIsoTime, pipelineRunQueryOf } from "./service/run-filter-body.js";
export * from "./run/index.js";
export type {
  AbortReason,
  ActivityExecutor,
  ActivityExecutors,
  ActivityInvocation,
  ActivityOutcome,
} from "./activities/activity-executor.js";
export type {
  FactoryResources,
  NamedDefinition,
  SecretLookup,
} from "./activities/factory-resources.js";
export {
  isSecretName,
  isVaultName,
  localSecretFolder,
  secretFile,
} from "./connections/local-secrets.js";
export {
  createBuiltinExecutors,
  type BuiltinExecutorDeps,
} from "./activities/builtin-executors.js";
export {
  createWebhookCallbacks,
  type CallbackDelivery,
  type CallbackKey,
  type WebhookCallbacks,
  type WebhookWait,
} from "./activities/webhook-callbacks.js";
export {
  createCustomActivityExecutor,
  type CustomActivityDeps,
} from "./activities/custom-activity.js";
