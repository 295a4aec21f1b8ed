// ADF's factory resource paths (without ARM's /subscriptions/.../providers/Microsoft.DataFactory
// prefix): pipelines, datasets, linked services and triggers, the factory itself, and
// Sluice's whole-factory deploy. Errors take ADF's shape, set on this plugin alone.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { silentLogger, type Logger } from "../../core/index.js";
import {
  factoryKinds,
  type AdfResource,
  type FactoryResourceKind,
  type FactoryService,
  type KindInfo,
  shownFactoryService,
} from "../../factory/index.js";
import type { RouteModule } from "../http-server.js";
import { adfErrorReply } from "./adf-error-reply.js";
import { baseUrlOf, ifMatchOf, queryParam } from "./route-support.js";

type FactoryParams = { factory: string };
type ResourceParams = { factory: string; name: string };

/** Options of {@link factoryRoutes}. */
export interface FactoryRoutesOptions {
  /** Where 500s are logged; default silent. */
  readonly logger?: Logger;
  /**
   * Adds runtime fields to a resource before it is returned by GET (one or a list) or PUT,
   * such as a trigger's `runtimeState`; default none.
   */
  readonly view?: ResourceView;
}

/** See {@link FactoryRoutesOptions.view}. */
export type ResourceView = (
  factory: string,
  kind: FactoryResourceKind,
  resource: AdfResource,
) => Promise<AdfResource>;

const asStored: ResourceView = async (_factory, _kind, resource) => resource;

/**
 * `PUT|GET|DELETE /factories/{factory}/{pipelines|datasets|linkedservices|triggers}/{name}`,
 * `GET /factories/{factory}/{kind}` (`{ value, nextLink? }`), `PUT|GET /factories/{factory}`,
 * and `POST /factories/{factory}/sluice/deploy[?deleteMissing=true]` (body: a loaded
 * factory definition, stored in one transaction). `?api-version=` is accepted and ignored.
 */
export function factoryRoutes(
  stored: FactoryService,
  options: FactoryRoutesOptions = {},
): RouteModule {
  const logger = options.logger ?? silentLogger;
  // ADF's GET never returns a stored secret: every resource these routes send is masked.
  const service = shownFactoryService(stored);
  return (app: FastifyInstance): void => {
    void app.register(
      async (scope) => {
        scope.setErrorHandler(async (error, _request, reply) => {
          const { status, body } = adfErrorReply(error);
          if (status === 500) logger.error("request failed", { error: String(error) });
          await reply.code(status).send(body);
        });
        scope.setNotFoundHandler(async (request, reply) => {
          const path = request.url.split("?")[0] ?? "";
          await reply.code(404).send({
            error: { code: "NotFound", message: `No resource at ${request.method} ${path}.` },
          });
        });
        factoryPaths(scope, service);
        for (const info of factoryKinds) kindPaths(scope, service, info, options.view ?? asStored);
      },
      { prefix: "/factories" },
    );
  };
}

function withEtag(reply: FastifyReply, resource: AdfResource): FastifyReply {
  return reply.header("etag", resource.etag);
}

function factoryPaths(app: FastifyInstance, service: FactoryService): void {
  app.get("/:factory", async (request, reply) => {
    const factory = await service.getFactory((request.params as FactoryParams).factory);
    return withEtag(reply, factory).send(factory);
  });
  app.put("/:factory", async (request, reply) => {
    const name = (request.params as FactoryParams).factory;
    const factory = await service.putFactory(name, request.body, ifMatchOf(request));
    return withEtag(reply, factory).send(factory);
  });
  // A whole factory may be far larger than Batch's 1 MiB request limit, which stays the default.
  app.post("/:factory/sluice/deploy", { bodyLimit: 64 * 1024 * 1024 }, async (request) => {
    const factory = (request.params as FactoryParams).factory;
    const deleteMissing = queryParam(request, "deleteMissing") === "true";
    return service.deploy(request.body, { factory, deleteMissing });
  });
}

function kindPaths(
  app: FastifyInstance,
  service: FactoryService,
  info: KindInfo,
  view: ResourceView,
): void {
  const { kind, segment } = info;
  app.get(`/:factory/${segment}`, async (request) => {
    const token = queryParam(request, "$skipToken");
    const factory = (request.params as FactoryParams).factory;
    const page = await service.listResources(
      factory,
      kind,
      token === undefined ? {} : { continuationToken: token },
    );
    return {
      value: await Promise.all(page.value.map((resource) => view(factory, kind, resource))),
      ...(page.continuationToken === undefined
        ? {}
        : { nextLink: nextLink(request, page.continuationToken) }),
    };
  });
  app.get(`/:factory/${segment}/:name`, async (request, reply) => {
    const { factory, name } = request.params as ResourceParams;
    const resource = await service.getResource(factory, kind, name);
    return withEtag(reply, resource).send(await view(factory, kind, resource));
  });
  app.put(`/:factory/${segment}/:name`, async (request, reply) => {
    const { factory, name } = request.params as ResourceParams;
    const written = await service.putResource(factory, kind, name, request.body, {
      ...ifMatchOf(request),
      ...(request.headers["if-none-match"] === "*" ? { ifNoneMatch: true } : {}),
    });
    return withEtag(reply, written.resource).send(await view(factory, kind, written.resource));
  });
  app.delete(`/:factory/${segment}/:name`, async (request, reply) => {
    const { factory, name } = request.params as ResourceParams;
    const existed = await service.deleteResource(factory, kind, name, ifMatchOf(request));
    // ADF answers 204 when there was nothing to delete.
    return reply.code(existed ? 200 : 204).send();
  });
}

/** This request's URL with `$skipToken` set to the next page's token. */
function nextLink(request: FastifyRequest, token: string): string {
  const url = new URL(request.url, baseUrlOf(request));
  url.searchParams.set("$skipToken", token);
  return url.toString();
}
