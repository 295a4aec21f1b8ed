export { apiOperations, openApiDocument, openApiPath } from "./openapi-document.js";
export type { OperationSpec } from "./operation-spec.js";
