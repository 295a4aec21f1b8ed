import Fastify, { type FastifyInstance } from "fastify";
import { BatchError } from "../batch/index.js";
import { SluiceError, silentLogger, type Logger } from "../core/index.js";
import { isAuthorized } from "./bearer-auth.js";
import { sharedAccessAllows, type SharedAccessCheck } from "./shared-access.js";
import { errorReply } from "./error-reply.js";

/** A feature's routes, registered on the server by {@link createHttpServer}. */
export type RouteModule = (app: FastifyInstance) => void;

export interface HttpServerOptions {
  /** Every request but `GET /health` must carry `Authorization: Bearer <token>`. */
  readonly token: string;
  readonly routes?: readonly RouteModule[];
  /** Default: silent. Request lines are logged without headers, so the token never is. */
  readonly logger?: Logger;
  /** Largest request body in bytes. Default 1 MiB, Batch's limit for a task collection. */
  readonly bodyLimit?: number;
  /**
   * Checks shared access signatures on the embedded storage's routes, which then open
   * without the token (as an Azure SAS opens a container); default none: token only.
   */
  readonly sharedAccess?: SharedAccessCheck;
}

/**
 * The REST server: token auth on every route, Batch-shaped errors for every failure
 * (bad JSON, unknown route, thrown SluiceError), and the feature routes given.
 */
export function createHttpServer(options: HttpServerOptions): FastifyInstance {
  const logger = options.logger ?? silentLogger;
  const app = Fastify({ logger: false, bodyLimit: options.bodyLimit ?? 1024 * 1024 });

  // Batch clients send action POSTs (resize, terminate...) with a JSON content type and no
  // body: an empty JSON body is no body, not a syntax error.
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
    const text = typeof body === "string" ? body : body.toString("utf8");
    if (text.trim() === "") return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(
        new BatchError(
          "InvalidRequestBody",
          `The request body is not valid JSON: ${(error as Error).message}.`,
        ),
        undefined,
      );
    }
  });

  app.addHook("onRequest", async (request, reply) => {
    if (request.method === "GET" && request.url === "/health") return;
    // Routes that carry their own proof (a WebHook callback's per-call token) opt out.
    const config = request.routeOptions.config as { sluicePublic?: unknown } | undefined;
    if (config?.sluicePublic === true) return;
    if (isAuthorized(request.headers.authorization, options.token)) return;
    if (!sharedAccessAllows(request, options.sharedAccess)) {
      await reply.code(401).send({
        code: "AuthenticationFailed",
        message: {
          lang: "en-US",
          value:
            "Send 'Authorization: Bearer <token>'; the token is in the server's data directory.",
        },
      });
    }
  });
  app.addHook("onResponse", async (request, reply) => {
    logger.debug("request", {
      method: request.method,
      url: request.url.split("?")[0],
      status: reply.statusCode,
    });
  });

  app.setErrorHandler(async (error, _request, reply) => {
    const failure = toSluiceError(error);
    const { status, body } = errorReply(failure);
    if (status === 500) logger.error("request failed", { error: String(error) });
    await reply.code(status).send(body);
  });
  app.setNotFoundHandler(async (request, reply) => {
    await reply.code(404).send({
      code: "ResourceNotFound",
      message: {
        lang: "en-US",
        value: `No resource at ${request.method} ${request.url.split("?")[0]}.`,
      },
    });
  });

  app.get("/health", async () => ({ status: "ok" }));
  for (const register of options.routes ?? []) register(app);
  return app;
}

/** Fastify's own errors (malformed JSON, body too large) as Batch's errors. */
function toSluiceError(error: unknown): unknown {
  if (error instanceof SluiceError) return error;
  const fastifyError = error as { statusCode?: number; message?: string };
  if (fastifyError.statusCode === 413) {
    return new BatchError(
      "RequestBodyTooLarge",
      "The request body is larger than the server accepts.",
    );
  }
  if (fastifyError.statusCode !== undefined && fastifyError.statusCode < 500) {
    return new BatchError(
      "InvalidRequestBody",
      `The request body is not valid JSON: ${fastifyError.message ?? "malformed"}.`,
    );
  }
  return error;
}
