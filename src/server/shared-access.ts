import type { FastifyRequest } from "fastify";

/** What a request asks of the embedded storage, for a shared access signature to allow. */
export interface StorageAccess {
  readonly container: string;
  readonly permission: "r" | "w" | "d" | "l";
}

/**
 * Checks a request's shared access signature (its query) against what it asks; the
 * composition root builds it from the server's storage key. Routes that accept signatures
 * say what they ask with the `storageAccess` route config.
 */
export type SharedAccessCheck = (
  query: Readonly<Record<string, unknown>>,
  access: StorageAccess,
) => boolean;

/** Route config of a route a shared access signature may open instead of the token. */
export interface SharedAccessRouteConfig {
  readonly storageAccess: (request: FastifyRequest) => StorageAccess;
}

/** True when the request carries a signature that allows what its route asks. */
export function sharedAccessAllows(
  request: FastifyRequest,
  check: SharedAccessCheck | undefined,
): boolean {
  if (check === undefined) return false;
  const query = request.query as Readonly<Record<string, unknown>> | undefined;
  if (query === undefined || typeof query.sig !== "string") return false;
  const config = request.routeOptions.config as Partial<SharedAccessRouteConfig> | undefined;
  if (typeof config?.storageAccess !== "function") return false;
  return check(query, config.storageAccess(request));
}
