// Batch's job preparation and release task status path.
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { BatchService } from "../../batch/index.js";
import { baseUrlOf, listBody } from "./route-support.js";

const jobId = (request: FastifyRequest) => (request.params as { jobId: string }).jobId;

/** `GET /jobs/{id}/jobpreparationandreleasetaskstatus`: one entry per node, Batch's shape. */
export function jobPreparationRoutes(service: BatchService) {
  return (app: FastifyInstance): void => {
    app.get("/jobs/:jobId/jobpreparationandreleasetaskstatus", async (request) =>
      listBody(
        request,
        await service.preparationStatus(jobId(request), baseUrlOf(request)),
        "jobpreparationandreleasetaskstatuslist",
      ),
    );
  };
}
