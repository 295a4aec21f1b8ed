// Batch's job paths.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { BatchService } from "../../batch/index.js";
import {
  baseUrlOf,
  ifMatchOf,
  listBody,
  pagingOf,
  readHeaders,
  resourceHeaders,
  type WrittenResource,
} from "./route-support.js";

const jobId = (request: FastifyRequest) => (request.params as { jobId: string }).jobId;

/** `POST|GET /jobs`, `GET|PATCH|PUT|DELETE /jobs/{id}`, disable, enable, terminate, taskcounts. */
export function jobRoutes(service: BatchService) {
  return (app: FastifyInstance): void => {
    const written = (request: FastifyRequest, job: WrittenResource) => (reply: FastifyReply) =>
      resourceHeaders(reply, job, `${baseUrlOf(request)}/jobs/${job.id}`);
    app.post("/jobs", async (request, reply) => {
      const job = await service.jobs.add(request.body);
      return written(request, job)(reply).code(201).send();
    });
    app.get("/jobs", async (request) =>
      listBody(request, await service.jobs.list(pagingOf(request), baseUrlOf(request)), "jobs"),
    );
    app.get("/jobs/:jobId", async (request, reply) => {
      const job = await service.jobs.get(jobId(request), baseUrlOf(request));
      return readHeaders(reply, job).send(job);
    });
    app.patch("/jobs/:jobId", async (request, reply) => {
      const job = await service.jobs.patch(jobId(request), request.body, ifMatchOf(request));
      return written(request, job)(reply).code(200).send();
    });
    app.put("/jobs/:jobId", async (request, reply) => {
      const job = await service.jobs.update(jobId(request), request.body, ifMatchOf(request));
      return written(request, job)(reply).code(200).send();
    });
    app.delete("/jobs/:jobId", async (request, reply) => {
      await service.jobs.delete(jobId(request), ifMatchOf(request));
      return reply.code(202).send();
    });
    app.post("/jobs/:jobId/disable", async (request, reply) => {
      const job = await service.jobs.disable(jobId(request), request.body, ifMatchOf(request));
      return written(request, job)(reply).code(202).send();
    });
    app.post("/jobs/:jobId/enable", async (request, reply) => {
      const job = await service.jobs.enable(jobId(request), ifMatchOf(request));
      return written(request, job)(reply).code(202).send();
    });
    app.post("/jobs/:jobId/terminate", async (request, reply) => {
      const job = await service.jobs.terminate(jobId(request), request.body, ifMatchOf(request));
      return written(request, job)(reply).code(202).send();
    });
    app.get("/jobs/:jobId/taskcounts", async (request) => service.jobs.taskCounts(jobId(request)));
  };
}
