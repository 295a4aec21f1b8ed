import type { JsonValue } from "../../core/index.js";
import { resolveResource } from "../connections/resolve-definition.js";
import type { FactoryResources } from "./factory-resources.js";

/**
 * ADF's request payload schema for a Web activity that lists `datasets` or `linkedServices`:
 * the body object gets `datasets: [{name, properties}]` and `linkedServices: [{name,
 * properties}]`, each with its parameters bound and expressions resolved, so the endpoint
 * can use them (the docs' example reads a connection string from them). A body that is not
 * an object is sent unchanged.
 */
export async function withReferences(
  body: unknown,
  props: Readonly<Record<string, unknown>>,
  resources: FactoryResources,
): Promise<unknown> {
  const datasets = referenceList(props.datasets);
  const linkedServices = referenceList(props.linkedServices);
  if (datasets.length === 0 && linkedServices.length === 0) return body;
  if (body !== undefined && body !== null && (typeof body !== "object" || Array.isArray(body))) {
    return body;
  }
  const payload: Record<string, unknown> = { ...((body as Record<string, unknown> | null) ?? {}) };
  if (datasets.length > 0) {
    payload.datasets = await Promise.all(
      datasets.map((ref) => definition(resources, "dataset", ref)),
    );
  }
  if (linkedServices.length > 0) {
    payload.linkedServices = await Promise.all(
      linkedServices.map((ref) => definition(resources, "linkedService", ref)),
    );
  }
  return payload;
}

interface Reference {
  readonly referenceName?: unknown;
  readonly parameters?: Readonly<Record<string, unknown>>;
}

function referenceList(value: unknown): readonly Reference[] {
  return Array.isArray(value) ? (value as Reference[]) : [];
}

async function definition(
  resources: FactoryResources,
  kind: "dataset" | "linkedService",
  ref: Reference,
): Promise<JsonValue> {
  const resolved = await resolveResource(resources, kind, ref.referenceName, ref.parameters);
  return { name: resolved.name, properties: resolved.properties as JsonValue };
}
