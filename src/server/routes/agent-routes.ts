// The node agent protocol's paths (`agentPaths` in src/api/agent-protocol.ts).
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { BatchService } from "../../batch/index.js";
import { readBody } from "./raw-body.js";
import { queryParam } from "./route-support.js";

type ClaimParams = { nodeId: string; claimToken: string };

/** Largest log chunk an agent may append at once: 8 MiB. */
export const maxAppendBytes = 8 * 1024 * 1024;

/** register, heartbeat, claim (long poll), complete (one or many), and log appends. */
export function agentRoutes(service: BatchService) {
  return (app: FastifyInstance): void => {
    const nodeId = (request: FastifyRequest) => (request.params as { nodeId: string }).nodeId;
    app.post("/sluice/agent/pools/:poolId/nodes", async (request, reply) => {
      const { poolId } = request.params as { poolId: string };
      return reply.code(201).send(await service.agent.register(poolId, request.body));
    });
    app.post("/sluice/agent/nodes/:nodeId/heartbeat", async (request) =>
      service.agent.heartbeat(nodeId(request), request.body),
    );
    app.post("/sluice/agent/nodes/:nodeId/claim", async (request, reply) => {
      // The wait ends early when the agent goes away, so no task is claimed for nobody.
      const gone = new AbortController();
      reply.raw.on("close", () => gone.abort());
      return service.agent.claim(nodeId(request), request.body, gone.signal);
    });
    app.post("/sluice/agent/nodes/:nodeId/claims/:claimToken/complete", async (request, reply) => {
      const { claimToken } = request.params as ClaimParams;
      const claimed = await service.agent.complete(nodeId(request), claimToken, request.body);
      return claimed === undefined ? reply.code(204).send() : claimed;
    });
    app.post("/sluice/agent/nodes/:nodeId/completions", async (request) =>
      service.agent.completeMany(nodeId(request), request.body),
    );
    app.post("/sluice/agent/nodes/:nodeId/claims/:claimToken/gang", async (request, reply) => {
      const { claimToken } = request.params as ClaimParams;
      const gone = new AbortController();
      reply.raw.on("close", () => gone.abort());
      return service.agent.gang(nodeId(request), claimToken, request.body, gone.signal);
    });
    // Log chunks are raw bytes of any content type: parsed here as a buffer, not as JSON.
    app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser("*", (_request, payload, done) => done(null, payload));
      scope.put("/sluice/agent/nodes/:nodeId/claims/:claimToken/files/:name", async (request) => {
        const { claimToken, name } = request.params as ClaimParams & { name: string };
        const bytes = await readBody(request, maxAppendBytes);
        const length = await service.agent.appendLog(
          nodeId(request),
          claimToken,
          name,
          queryParam(request, "offset"),
          bytes,
        );
        return { length };
      });
    });
  };
}
