// The factory REST API under test: the real HTTP server with the factory routes over a real
// store (SQLite or PostgreSQL), a manual clock and seeded etags.
import { fileURLToPath } from "node:url";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { ManualClock, seededRandom } from "../../src/core/index.js";
import { createFactoryService, loadFactory, type FactoryService } from "../../src/factory/index.js";
import { createHttpServer, factoryRoutes } from "../../src/server/index.js";
import type { Database } from "../../src/store/index.js";

export const token = "factory-test-token";

/** A fixture factory's folder (or ARM template folder). */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/factories/${name}`, import.meta.url));
}

/** A running factory API. */
export interface FactoryApi {
  readonly app: FastifyInstance;
  readonly service: FactoryService;
  /** Sends a request in-process with the token; `body` goes as JSON. */
  call(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  /** Loads a fixture and deploys it through `POST /factories/{factory}/sluice/deploy`. */
  deploy(fixtureName: string, factory: string, query?: string): Promise<LightMyRequestResponse>;
}

/** Starts the API over `database`. */
export async function startFactoryApi(database: Database): Promise<FactoryApi> {
  const service = createFactoryService({
    database,
    clock: new ManualClock(Date.UTC(2026, 0, 1)),
    random: seededRandom(7),
  });
  const app = createHttpServer({ token, routes: [factoryRoutes(service)] });
  await app.ready();
  const call: FactoryApi["call"] = (method, path, body, headers = {}) =>
    app.inject({
      method: method as "GET",
      url: path,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
  return {
    app,
    service,
    call,
    deploy: async (fixtureName, factory, query = "") =>
      call(
        "POST",
        `/factories/${factory}/sluice/deploy${query}`,
        await loadFactory(fixture(fixtureName)),
      ),
  };
}
