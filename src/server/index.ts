export { createHttpServer, type HttpServerOptions, type RouteModule } from "./http-server.js";
export { errorReply, type BatchErrorBody, type ErrorReply } from "./error-reply.js";
export { batchRoutes } from "./routes/index.js";
