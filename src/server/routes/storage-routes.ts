// The embedded local storage over HTTP (`agentPaths.storage`): how agents on any machine
// reach `autoStorageContainerName` containers. GET (with Range) reads a file, or lists with
// `?list&prefix=` (a `StorageListResponse`); PUT writes (streamed); DELETE removes.
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { BatchService } from "../../batch/index.js";
import { BatchError } from "../../batch/index.js";
import type { StorageAccess } from "../shared-access.js";
import { sendFile } from "./file-reply.js";
import { bodyStream } from "./raw-body.js";
import { baseUrlOf, queryParam, rangeOf } from "./route-support.js";

type StorageParams = { container: string; "*": string };

const target = (request: FastifyRequest) => {
  const params = request.params as StorageParams;
  return { container: params.container, path: params["*"] };
};

function requirePath(path: string): string {
  if (path === "") {
    throw new BatchError(
      "InvalidInput",
      "Name a file after the container (/sluice/storage/<container>/<path>), or list with ?list&prefix=.",
      { PropertyName: "path" },
    );
  }
  return path;
}

/** `/sluice/storage/{container}/{path}`: GET (Range), GET `?list&prefix=`, PUT, DELETE. */
export function storageRoutes(service: BatchService) {
  return (app: FastifyInstance): void => {
    app.register(async (scope) => {
      // Files are bytes of any type, streamed straight to storage (no body-size cap).
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser("*", (_request, payload, done) => done(null, payload));
      const access =
        (permission: "r" | "w" | "d") =>
        (request: FastifyRequest): StorageAccess => ({
          container: target(request).container,
          permission:
            permission === "r" && queryParam(request, "list") !== undefined ? "l" : permission,
        });
      scope.get(
        "/sluice/storage/:container/*",
        { config: { storageAccess: access("r") } },
        async (request, reply) => {
          const { container, path } = target(request);
          if (queryParam(request, "list") !== undefined) {
            const prefix = queryParam(request, "prefix") ?? path;
            return { files: await service.storage.list(container, prefix) };
          }
          const range = rangeOf(request);
          const file = await service.storage.read(container, requirePath(path), range?.range);
          return sendFile(
            reply,
            file,
            range,
            `${baseUrlOf(request)}${request.url.split("?")[0] ?? ""}`,
          );
        },
      );
      scope.put(
        "/sluice/storage/:container/*",
        { config: { storageAccess: access("w") } },
        async (request, reply) => {
          const { container, path } = target(request);
          await service.storage.write(container, requirePath(path), bodyStream(request));
          return reply.code(201).send();
        },
      );
      scope.delete(
        "/sluice/storage/:container/*",
        { config: { storageAccess: access("d") } },
        async (request, reply) => {
          const { container, path } = target(request);
          const deleted = await service.storage.delete(container, requirePath(path));
          if (!deleted) {
            throw new BatchError(
              "ResourceNotFound",
              `File '${path}' in container '${container}' does not exist.`,
            );
          }
          return reply.code(202).send();
        },
      );
    });
  };
}
