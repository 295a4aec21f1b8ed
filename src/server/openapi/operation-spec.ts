/** One HTTP operation of Sluice's REST API, as the reference (docs/openapi.json) describes it. */
export interface OperationSpec {
  readonly method: "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Fastify's form, exactly as the route is registered: `/pools/:poolId`, `/.../files/*`. */
  readonly path: string;
  /** The group in the reference: `Batch: pools`, `ADF: pipeline runs`, ... */
  readonly tag: string;
  readonly summary: string;
  /** Longer text: where Sluice differs from Azure, what a Sluice-only path is for. */
  readonly description?: string;
  /** Name of the request body's schema in `components.schemas`. */
  readonly request?: string;
  /** Name of the success response body's schema in `components.schemas`; none: no body. */
  readonly response?: string;
  /** Success status; default 200. */
  readonly status?: number;
  /** Query parameters the route reads (names as sent). */
  readonly query?: readonly string[];
  /** Not for users: the node agent protocol, the web UI's files, WebHook callbacks. */
  readonly internal?: boolean;
  /** Opens without the bearer token (carries its own proof). */
  readonly public?: boolean;
}

/** Shorthand for a table row. */
export function op(
  method: OperationSpec["method"],
  path: string,
  tag: string,
  summary: string,
  more: Omit<OperationSpec, "method" | "path" | "tag" | "summary"> = {},
): OperationSpec {
  return { method, path, tag, summary, ...more };
}
