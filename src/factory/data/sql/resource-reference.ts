import type { FactoryResources } from "../../activities/factory-resources.js";
import { resolveResource, type ResolvedDefinition } from "../../connections/resolve-definition.js";

/**
 * Looks up a dataset or linked service reference (`{referenceName, parameters}`, values
 * already resolved by the engine) and resolves it with those parameters.
 */
export function resolveReference(
  resources: FactoryResources,
  kind: "dataset" | "linkedService",
  reference: unknown,
): Promise<ResolvedDefinition> {
  const ref = (reference ?? {}) as { referenceName?: unknown; parameters?: unknown };
  const parameters =
    ref.parameters !== null && typeof ref.parameters === "object"
      ? (ref.parameters as Record<string, unknown>)
      : undefined;
  return resolveResource(resources, kind, ref.referenceName, parameters);
}
