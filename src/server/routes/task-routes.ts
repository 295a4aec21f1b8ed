// Batch's task paths and task files.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { BatchService } from "../../batch/index.js";
import { sendFile } from "./file-reply.js";
import {
  baseUrlOf,
  ifMatchOf,
  listBody,
  pagingOf,
  rangeOf,
  readHeaders,
  resourceHeaders,
  type WrittenResource,
} from "./route-support.js";

type TaskParams = { jobId: string; taskId: string };

const jobId = (request: FastifyRequest) => (request.params as { jobId: string }).jobId;
const task = (request: FastifyRequest) => request.params as TaskParams;

/** Task add, addtaskcollection, list, get, update, delete, terminate, reactivate, files. */
export function taskRoutes(service: BatchService) {
  return (app: FastifyInstance): void => {
    const written = (request: FastifyRequest, reply: FastifyReply, record: WrittenResource) =>
      resourceHeaders(
        reply,
        record,
        `${baseUrlOf(request)}/jobs/${jobId(request)}/tasks/${record.id}`,
      );
    app.post("/jobs/:jobId/tasks", async (request, reply) => {
      const added = await service.tasks.add(jobId(request), request.body);
      return written(request, reply, added).code(201).send();
    });
    app.post("/jobs/:jobId/addtaskcollection", async (request) =>
      service.tasks.addCollection(jobId(request), request.body, baseUrlOf(request)),
    );
    app.get("/jobs/:jobId/tasks", async (request) =>
      listBody(
        request,
        await service.tasks.list(jobId(request), pagingOf(request), baseUrlOf(request)),
        "tasks",
      ),
    );
    app.get("/jobs/:jobId/tasks/:taskId", async (request, reply) => {
      const { jobId: job, taskId } = task(request);
      const found = await service.tasks.get(job, taskId, baseUrlOf(request));
      return readHeaders(reply, found).send(found);
    });
    app.put("/jobs/:jobId/tasks/:taskId", async (request, reply) => {
      const { jobId: job, taskId } = task(request);
      const updated = await service.tasks.update(job, taskId, request.body, ifMatchOf(request));
      return written(request, reply, updated).code(200).send();
    });
    app.delete("/jobs/:jobId/tasks/:taskId", async (request, reply) => {
      const { jobId: job, taskId } = task(request);
      await service.tasks.delete(job, taskId, ifMatchOf(request));
      return reply.code(200).send();
    });
    app.post("/jobs/:jobId/tasks/:taskId/terminate", async (request, reply) => {
      const { jobId: job, taskId } = task(request);
      await service.tasks.terminate(job, taskId, ifMatchOf(request));
      return reply.code(204).send();
    });
    app.post("/jobs/:jobId/tasks/:taskId/reactivate", async (request, reply) => {
      const { jobId: job, taskId } = task(request);
      await service.tasks.reactivate(job, taskId, ifMatchOf(request));
      return reply.code(204).send();
    });
    app.get("/jobs/:jobId/tasks/:taskId/subtasksinfo", async (request) => {
      const { jobId: job, taskId } = task(request);
      return service.tasks.listSubtasks(job, taskId, baseUrlOf(request));
    });
    app.get("/jobs/:jobId/tasks/:taskId/files", async (request) => {
      const { jobId: job, taskId } = task(request);
      const files = await service.tasks.listFiles(job, taskId, baseUrlOf(request));
      return listBody(request, { value: files }, "files");
    });
    app.get("/jobs/:jobId/tasks/:taskId/files/*", async (request, reply) => {
      const { jobId: job, taskId } = task(request);
      const name = (request.params as { "*": string })["*"];
      const range = rangeOf(request);
      const file = await service.tasks.readFile(job, taskId, name, range?.range);
      const url = `${baseUrlOf(request)}/jobs/${job}/tasks/${taskId}/files/${name}`;
      return sendFile(reply, file, range, url);
    });
  };
}
