// Batch's compute node operations beyond list/get/reboot: task scheduling, and the node's
// files (list, get with byte ranges, properties with HEAD).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { BatchService } from "../../batch/index.js";
import { sendFile } from "./file-reply.js";
import { baseUrlOf, listBody, pagingOf, queryParam, rangeOf } from "./route-support.js";

type NodeParams = { poolId: string; nodeId: string };
type FileParams = NodeParams & { "*": string };

const nodeUrl = (request: FastifyRequest): string => {
  const { poolId, nodeId } = request.params as NodeParams;
  return `${baseUrlOf(request)}/pools/${poolId}/nodes/${nodeId}`;
};

const fileUrl = (request: FastifyRequest, path: string): string =>
  `${nodeUrl(request)}/files/${path.split("/").map(encodeURIComponent).join("/")}`;

/** Batch's file headers but the body's: creation time, directory flag, URL, mode. */
function fileHeaders(
  reply: FastifyReply,
  entry: { isDirectory: boolean; creationTime: number },
  url: string,
): FastifyReply {
  return reply
    .header("ocp-creation-time", new Date(entry.creationTime).toUTCString())
    .header("ocp-batch-file-isdirectory", String(entry.isDirectory))
    .header("ocp-batch-file-url", url)
    .header("ocp-batch-file-mode", entry.isDirectory ? "40755" : "100644");
}

/** `disablescheduling`, `enablescheduling`, `GET .../files`, `GET|HEAD .../files/{path}`. */
export function nodeRoutes(service: BatchService) {
  return (app: FastifyInstance): void => {
    app.post("/pools/:poolId/nodes/:nodeId/disablescheduling", async (request, reply) => {
      const { poolId, nodeId } = request.params as NodeParams;
      await service.nodes.disableScheduling(poolId, nodeId, request.body);
      return reply.header("dataserviceid", nodeUrl(request)).code(200).send();
    });
    app.post("/pools/:poolId/nodes/:nodeId/enablescheduling", async (request, reply) => {
      const { poolId, nodeId } = request.params as NodeParams;
      await service.nodes.enableScheduling(poolId, nodeId);
      return reply.header("dataserviceid", nodeUrl(request)).code(200).send();
    });
    app.get("/pools/:poolId/nodes/:nodeId/files", async (request) => {
      const { poolId, nodeId } = request.params as NodeParams;
      const recursive = queryParam(request, "recursive");
      const files = await service.nodes.listFiles(
        poolId,
        nodeId,
        { ...pagingOf(request), ...(recursive === undefined ? {} : { recursive }) },
        baseUrlOf(request),
      );
      return listBody(request, files, "files");
    });
    // Declared before the GET so Fastify does not derive a HEAD that opens the file.
    app.head("/pools/:poolId/nodes/:nodeId/files/*", async (request, reply) => {
      const { poolId, nodeId, "*": path } = request.params as FileParams;
      const entry = await service.nodes.fileProperties(poolId, nodeId, path);
      return fileHeaders(reply, entry, fileUrl(request, entry.name))
        .header("content-type", "application/octet-stream")
        .header("content-length", String(entry.size))
        .header("last-modified", new Date(entry.lastModified).toUTCString())
        .code(200)
        .send();
    });
    app.get("/pools/:poolId/nodes/:nodeId/files/*", async (request, reply) => {
      const { poolId, nodeId, "*": path } = request.params as FileParams;
      const range = rangeOf(request);
      const { entry, content } = await service.nodes.readFile(poolId, nodeId, path, range?.range);
      const url = fileUrl(request, entry.name);
      fileHeaders(reply, entry, url);
      if (!entry.isDirectory) return sendFile(reply, content, range, url);
      // A directory has no bytes: its properties, as HEAD gives them.
      content.body.destroy();
      return reply
        .header("content-type", "application/octet-stream")
        .header("content-length", "0")
        .header("last-modified", new Date(entry.lastModified).toUTCString())
        .code(200)
        .send();
    });
  };
}
