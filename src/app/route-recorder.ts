import type { RouteModule } from "../server/index.js";

/** A route the HTTP server registered, as Fastify knows it (`/pools/:poolId`). */
export interface RegisteredRoute {
  readonly method: string;
  readonly url: string;
}

/**
 * A route module that registers no route but records every route registered after it
 * (including those of plugins with a prefix, which load at listen), so that the REST API
 * reference can be checked against what a real server serves.
 */
export function routeRecorder(into: RegisteredRoute[]): RouteModule {
  return (app) => {
    app.addHook("onRoute", (route) => {
      for (const method of [route.method].flat()) into.push({ method, url: route.url });
    });
  };
}
