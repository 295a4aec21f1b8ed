// Batch's pool and compute node paths.
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { BatchService } from "../../batch/index.js";
import { autoScaleRoutes } from "./autoscale-routes.js";
import { nodeRoutes } from "./node-routes.js";
import {
  baseUrlOf,
  ifMatchOf,
  listBody,
  pagingOf,
  readHeaders,
  resourceHeaders,
} from "./route-support.js";

type PoolParams = { poolId: string };
type NodeParams = { poolId: string; nodeId: string };

const poolId = (request: FastifyRequest) => (request.params as PoolParams).poolId;

/**
 * `POST|GET /pools`, `GET|PATCH|DELETE /pools/{id}`, updateproperties, resize, stopresize,
 * removenodes, `GET /nodecounts`, and the nodes' paths (with {@link nodeRoutes}).
 */
export function poolRoutes(service: BatchService) {
  const nodes = nodeRoutes(service);
  return (app: FastifyInstance): void => {
    nodes(app);
    autoScaleRoutes(service)(app);
    app.get("/nodecounts", async (request) =>
      listBody(request, await service.pools.nodeCounts(pagingOf(request)), "poolnodecounts"),
    );
    app.post("/pools/:poolId/updateproperties", async (request, reply) => {
      const pool = await service.pools.updateProperties(
        poolId(request),
        request.body,
        ifMatchOf(request),
      );
      resourceHeaders(reply, pool, `${baseUrlOf(request)}/pools/${pool.id}`);
      return reply.code(204).send();
    });
    app.post("/pools", async (request, reply) => {
      const pool = await service.pools.add(request.body);
      resourceHeaders(reply, pool, `${baseUrlOf(request)}/pools/${pool.id}`);
      return reply.code(201).send();
    });
    app.get("/pools", async (request) =>
      listBody(request, await service.pools.list(pagingOf(request), baseUrlOf(request)), "pools"),
    );
    app.get("/pools/:poolId", async (request, reply) => {
      const pool = await service.pools.get(poolId(request), baseUrlOf(request));
      return readHeaders(reply, pool).send(pool);
    });
    app.patch("/pools/:poolId", async (request, reply) => {
      const pool = await service.pools.patch(poolId(request), request.body, ifMatchOf(request));
      resourceHeaders(reply, pool, `${baseUrlOf(request)}/pools/${pool.id}`);
      return reply.code(200).send();
    });
    app.delete("/pools/:poolId", async (request, reply) => {
      await service.pools.delete(poolId(request), ifMatchOf(request));
      return reply.code(202).send();
    });
    app.post("/pools/:poolId/resize", async (request, reply) => {
      const pool = await service.pools.resize(poolId(request), request.body, ifMatchOf(request));
      resourceHeaders(reply, pool, `${baseUrlOf(request)}/pools/${pool.id}`);
      return reply.code(202).send();
    });
    app.post("/pools/:poolId/stopresize", async (request, reply) => {
      const pool = await service.pools.stopResize(poolId(request), ifMatchOf(request));
      resourceHeaders(reply, pool, `${baseUrlOf(request)}/pools/${pool.id}`);
      return reply.code(202).send();
    });
    app.post("/pools/:poolId/removenodes", async (request, reply) => {
      const pool = await service.pools.removeNodes(
        poolId(request),
        request.body,
        ifMatchOf(request),
      );
      resourceHeaders(reply, pool, `${baseUrlOf(request)}/pools/${pool.id}`);
      return reply.code(202).send();
    });
    app.get("/pools/:poolId/nodes", async (request) =>
      listBody(
        request,
        await service.nodes.list(poolId(request), pagingOf(request), baseUrlOf(request)),
        "computenodes",
      ),
    );
    app.get("/pools/:poolId/nodes/:nodeId", async (request) => {
      const params = request.params as NodeParams;
      return service.nodes.get(params.poolId, params.nodeId, baseUrlOf(request));
    });
    app.post("/pools/:poolId/nodes/:nodeId/reboot", async (request, reply) => {
      const params = request.params as NodeParams;
      await service.nodes.reboot(params.poolId, params.nodeId, request.body);
      return reply.code(202).send();
    });
  };
}
