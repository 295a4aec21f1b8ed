// The callback URI of ADF's WebHook activity: the called service POSTs here when its work is
// done. It has no bearer token (it is someone else's service), so the route opts out of the
// server's auth; the per-call token in the URI, which only that service was given, is the proof.
import type { FastifyInstance } from "fastify";
import type { WebhookCallbacks } from "../../factory/index.js";
import type { RouteModule } from "../http-server.js";
import { queryParam } from "./route-support.js";

type CallbackParams = { factory: string; activityRunId: string };

/** ADF's limit on an activity's output, which the callback body becomes: 4 MB. */
const maxCallbackBytes = 4 * 1024 * 1024;

/**
 * `POST /factories/{factory}/sluice/callbacks/{activityRunId}?token=...`: hands the JSON body
 * (empty: null) to the waiting WebHook activity and answers 200. Any other id, factory or
 * token, or a callback already received, is 404 (the same answer, so nothing is revealed); a
 * body that is not JSON is 400. No bearer token is needed.
 */
export function webhookCallbackRoutes(callbacks: WebhookCallbacks): RouteModule {
  return (app: FastifyInstance): void => {
    void app.register(async (scope) => {
      // Callers send JSON, sometimes under another content type: read any body as text.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser("*", { parseAs: "string" }, (_request, body, done) => {
        done(null, typeof body === "string" ? body : body.toString("utf8"));
      });
      scope.post(
        "/factories/:factory/sluice/callbacks/:activityRunId",
        { config: { sluicePublic: true }, bodyLimit: maxCallbackBytes },
        async (request, reply) => {
          const { factory, activityRunId } = request.params as CallbackParams;
          const body = parseBody(request.body);
          if (body === invalid) {
            return reply.code(400).send(adfError("BadRequest", "The callback body must be JSON."));
          }
          const token = queryParam(request, "token") ?? "";
          const delivery = callbacks.deliver({ factory, activityRunId, token }, body);
          if (delivery === "accepted") return reply.code(200).send();
          return reply
            .code(404)
            .send(adfError("NotFound", `No WebHook activity is waiting for this callback.`));
        },
      );
    });
  };
}

const invalid = Symbol("invalid");

function parseBody(body: unknown): unknown {
  if (body === undefined || body === null) return null;
  const text = typeof body === "string" ? body : JSON.stringify(body);
  if (text.trim() === "") return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return invalid;
  }
}

function adfError(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}
