// Batch's pool autoscale paths: enableautoscale, disableautoscale, evaluateautoscale; and
// Sluice's sluice/runautoscale, which runs the pool's formula now and applies it (Batch cannot).
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { BatchService } from "../../batch/index.js";
import { baseUrlOf, ifMatchOf, resourceHeaders } from "./route-support.js";

const poolId = (request: FastifyRequest) => (request.params as { poolId: string }).poolId;

/** `POST /pools/{id}/enableautoscale | disableautoscale | evaluateautoscale | sluice/runautoscale`. */
export function autoScaleRoutes(service: BatchService) {
  return (app: FastifyInstance): void => {
    app.post("/pools/:poolId/enableautoscale", async (request, reply) => {
      const pool = await service.autoScale.enable(
        poolId(request),
        request.body,
        ifMatchOf(request),
      );
      resourceHeaders(reply, pool, `${baseUrlOf(request)}/pools/${pool.id}`);
      return reply.code(200).send();
    });
    app.post("/pools/:poolId/disableautoscale", async (request, reply) => {
      const pool = await service.autoScale.disable(poolId(request), ifMatchOf(request));
      resourceHeaders(reply, pool, `${baseUrlOf(request)}/pools/${pool.id}`);
      return reply.code(200).send();
    });
    app.post("/pools/:poolId/evaluateautoscale", async (request, reply) => {
      const run = await service.autoScale.evaluate(poolId(request), request.body);
      return reply.code(200).send(run);
    });
    app.post("/pools/:poolId/sluice/runautoscale", async (request, reply) => {
      const pool = await service.autoScale.runNow(poolId(request));
      resourceHeaders(reply, pool, `${baseUrlOf(request)}/pools/${pool.id}`);
      return reply.code(200).send();
    });
  };
}
