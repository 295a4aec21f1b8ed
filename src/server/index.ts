export { createHttpServer, type HttpServerOptions, type RouteModule } from "./http-server.js";
export { errorReply, type BatchErrorBody, type ErrorReply } from "./error-reply.js";
export { batchRoutes } from "./routes/index.js";
export {
  factoryRoutes,
  type FactoryRoutesOptions,
  type ResourceView,
} from "./routes/factory-routes.js";
export {
  triggerRoutes,
  triggerRuntimeView,
  type TriggerRoutesOptions,
} from "./routes/trigger-routes.js";
export type { AdfErrorBody, AdfErrorDetail } from "./routes/adf-error-reply.js";
export {
  pipelineRunQueryRoutes,
  pipelineRunRoutes,
  type PipelineRunRoutesOptions,
} from "./routes/pipeline-run-routes.js";
export { webhookCallbackRoutes } from "./routes/webhook-callback-routes.js";
export { defaultWebUiRoot, webUiRoutes, type WebUiRoutesOptions } from "./routes/web-ui-routes.js";
export type { SharedAccessCheck, StorageAccess } from "./shared-access.js";
export {
  apiOperations,
  openApiDocument,
  openApiPath,
  type OperationSpec,
} from "./openapi/index.js";
