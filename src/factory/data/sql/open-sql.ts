import type { FactoryResources } from "../../activities/factory-resources.js";
import type { ResolvedDefinition } from "../../connections/resolve-definition.js";
import type { CopySide } from "../copy-error.js";
import { resolveReference } from "./resource-reference.js";
import type { SqlClient } from "./sql-client.js";
import { sqlEndpointOf, type SqlEndpoint } from "./sql-endpoint.js";
import { connectError } from "./sql-error.js";

/** An open connection and the endpoint it came from (for messages and redaction). */
export interface OpenSql {
  readonly client: SqlClient;
  readonly endpoint: SqlEndpoint;
}

/** Connects to a SQL linked service (resolved); a failure is ADF's `SqlFailedToConnect`. */
export async function connectSql(
  service: ResolvedDefinition,
  side: CopySide,
  signal: AbortSignal,
): Promise<OpenSql> {
  const endpoint = sqlEndpointOf(service);
  try {
    // Each driver loads when a factory first uses its store, not at every server start.
    const client =
      endpoint.dialect === "postgres"
        ? await (await import("./postgres-client.js")).connectPostgres(endpoint, signal)
        : await (await import("./mysql-client.js")).connectMySql(endpoint, signal);
    return { client, endpoint };
  } catch (error) {
    throw connectError(error, endpoint, side);
  }
}

/** Looks up a linked service reference (`{referenceName, parameters}`) and resolves it. */
export function resolveLinkedService(
  resources: FactoryResources,
  reference: unknown,
): Promise<ResolvedDefinition> {
  return resolveReference(resources, "linkedService", reference);
}
