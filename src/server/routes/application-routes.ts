// Application packages: Batch's data-plane reads (`GET /applications`, `GET /applications/{id}`)
// and Sluice's own management paths under /sluice/applications (Batch does these through
// Azure Resource Manager): upload a version's zip, settings, delete, and download.
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ApplicationPatch } from "../../api/index.js";
import { BatchError, type BatchService } from "../../batch/index.js";
import { bodyStream } from "./raw-body.js";
import { listBody } from "./route-support.js";

type Params = { applicationId: string; version: string };
const params = (request: FastifyRequest) => request.params as Params;

/** The application paths over the Batch service's application packages. */
export function applicationRoutes(service: BatchService) {
  const packages = service.applications;
  return (app: FastifyInstance): void => {
    app.get("/applications", async (request) =>
      listBody(request, { value: await packages.list() }, "applications"),
    );
    app.get("/applications/:applicationId", async (request) => {
      const { id, displayName, versions } = await packages.details(params(request).applicationId);
      return { id, displayName, versions };
    });
    app.get("/sluice/applications/:applicationId", async (request) =>
      packages.details(params(request).applicationId),
    );
    app.patch("/sluice/applications/:applicationId", async (request) =>
      packages.patch(params(request).applicationId, patchOf(request.body)),
    );
    app.delete("/sluice/applications/:applicationId", async (request, reply) => {
      await packages.delete(params(request).applicationId);
      return reply.code(204).send();
    });
    app.delete("/sluice/applications/:applicationId/versions/:version", async (request, reply) => {
      await packages.delete(params(request).applicationId, params(request).version);
      return reply.code(204).send();
    });
    app.get(
      "/sluice/applications/:applicationId/versions/:version/package",
      async (request, reply) => {
        const { applicationId, version } = params(request);
        const zip = await packages.read(applicationId, version);
        return reply.header("content-type", "application/zip").send(zip);
      },
    );
    app.register(async (scope) => {
      // A zip is bytes, streamed straight to storage (no body-size cap, never buffered).
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser("*", (_request, payload, done) => done(null, payload));
      scope.put("/sluice/applications/:applicationId/versions/:version", async (request, reply) => {
        const { applicationId, version } = params(request);
        const info = await packages.upload(applicationId, version, bodyStream(request));
        return reply.code(201).send(info);
      });
    });
  };
}

function patchOf(body: unknown): ApplicationPatch {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new BatchError("InvalidRequestBody", "The body must be a JSON object.");
  }
  const { displayName, defaultVersion, allowUpdates, ...rest } = body as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) {
    throw new BatchError(
      "InvalidRequestBody",
      `Unknown properties: ${unknown.join(", ")}; allowed: displayName, defaultVersion, allowUpdates.`,
      { PropertyName: unknown[0] },
    );
  }
  const text = (name: string, value: unknown) => {
    if (value === undefined || typeof value === "string") return value;
    throw new BatchError("InvalidRequestBody", `${name} must be a string.`, { PropertyName: name });
  };
  if (allowUpdates !== undefined && typeof allowUpdates !== "boolean") {
    throw new BatchError("InvalidRequestBody", "allowUpdates must be true or false.", {
      PropertyName: "allowUpdates",
    });
  }
  const patch: { -readonly [K in keyof ApplicationPatch]: ApplicationPatch[K] } = {};
  const name = text("displayName", displayName);
  const version = text("defaultVersion", defaultVersion);
  if (name !== undefined) patch.displayName = name;
  if (version !== undefined) patch.defaultVersion = version;
  if (allowUpdates !== undefined) patch.allowUpdates = allowUpdates;
  return patch;
}
