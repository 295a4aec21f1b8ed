// Batch's job schedule paths.
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

const scheduleId = (request: FastifyRequest) =>
  (request.params as { jobScheduleId: string }).jobScheduleId;

/**
 * `POST|GET /jobschedules`, `GET|HEAD|PATCH|PUT|DELETE /jobschedules/{id}`, disable, enable,
 * terminate, and `GET /jobschedules/{id}/jobs` (Batch's "Job - List From Job Schedule").
 */
export function jobScheduleRoutes(service: BatchService) {
  const schedules = service.jobSchedules;
  return (app: FastifyInstance): void => {
    const written = (request: FastifyRequest, schedule: WrittenResource) => (reply: FastifyReply) =>
      resourceHeaders(reply, schedule, `${baseUrlOf(request)}/jobschedules/${schedule.id}`);
    app.post("/jobschedules", async (request, reply) => {
      const schedule = await schedules.add(request.body);
      return written(request, schedule)(reply).code(201).send();
    });
    app.get("/jobschedules", async (request) =>
      listBody(
        request,
        await schedules.list(pagingOf(request), baseUrlOf(request)),
        "jobschedules",
      ),
    );
    app.get("/jobschedules/:jobScheduleId", async (request, reply) => {
      const schedule = await schedules.get(scheduleId(request), baseUrlOf(request));
      return readHeaders(reply, schedule).send(schedule);
    });
    app.patch("/jobschedules/:jobScheduleId", async (request, reply) => {
      const schedule = await schedules.patch(scheduleId(request), request.body, ifMatchOf(request));
      return written(request, schedule)(reply).code(200).send();
    });
    app.put("/jobschedules/:jobScheduleId", async (request, reply) => {
      const schedule = await schedules.update(
        scheduleId(request),
        request.body,
        ifMatchOf(request),
      );
      return written(request, schedule)(reply).code(200).send();
    });
    app.delete("/jobschedules/:jobScheduleId", async (request, reply) => {
      await schedules.delete(scheduleId(request), ifMatchOf(request));
      return reply.code(202).send();
    });
    for (const action of ["disable", "enable", "terminate"] as const) {
      app.post(`/jobschedules/:jobScheduleId/${action}`, async (request, reply) => {
        const schedule = await schedules[action](scheduleId(request), ifMatchOf(request));
        return written(
          request,
          schedule,
        )(reply)
          .code(action === "terminate" ? 202 : 204)
          .send();
      });
    }
    app.get("/jobschedules/:jobScheduleId/jobs", async (request) =>
      listBody(
        request,
        await schedules.listJobs(scheduleId(request), pagingOf(request), baseUrlOf(request)),
        "jobs",
      ),
    );
  };
}
