import { SluiceError, type JsonObject } from "../../core/index.js";
import type { FactoryInput, ResourceInput } from "../../store/index.js";
import type { FactoryDefinition, FactorySources } from "../model/resources.js";
import { factoryKinds } from "./resource-kinds.js";

const lists = ["pipelines", "datasets", "linkedServices", "triggers", "others"] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function invalid(path: string, value: unknown, allowed: string): SluiceError {
  const shown = JSON.stringify(value)?.slice(0, 80) ?? String(value);
  return new SluiceError(
    "InvalidArgument",
    `The factory definition's ${path} is ${shown}; it must be ${allowed}.`,
    { details: { field: path, value: shown } },
  );
}

/**
 * Checks the outline of a definition sent over the wire (an object whose `pipelines`,
 * `datasets`, `linkedServices`, `triggers` and `others` are arrays, each absent list empty)
 * so that validation can walk it; what is inside each resource is validation's business.
 * `sources` are kept only when they match the lists index for index.
 */
export function toDefinition(body: unknown): FactoryDefinition {
  if (!isObject(body)) throw invalid("body", body, "a JSON object (a loaded factory definition)");
  const outline: Record<string, unknown> = {};
  for (const list of lists) {
    const value = body[list] ?? [];
    if (!Array.isArray(value)) throw invalid(list, value, "an array of resources");
    outline[list] = value;
  }
  (outline.others as unknown[]).forEach((other, i) => {
    if (!isObject(other) || typeof other.kind !== "string" || typeof other.name !== "string")
      throw invalid(`others[${i}]`, other, "an object with string kind and name and a json");
  });
  if (body.factory !== undefined && !isObject(body.factory))
    throw invalid("factory", body.factory, "an object ({ name, properties })");
  const definition = { ...outline, factory: body.factory } as unknown as FactoryDefinition;
  const sources = matchingSources(body.sources, definition);
  return sources === undefined ? definition : { ...definition, sources };
}

function matchingSources(
  sources: unknown,
  definition: FactoryDefinition,
): FactorySources | undefined {
  if (!isObject(sources)) return undefined;
  for (const list of lists) {
    const given = sources[list];
    if (!Array.isArray(given) || given.length !== definition[list].length) return undefined;
    if (!given.every((s) => isObject(s) && typeof s.file === "string")) return undefined;
  }
  return sources as unknown as FactorySources;
}

/** The factory row a deploy stores: the name given, the definition's factory properties. */
export function factoryInputOf(definition: FactoryDefinition, name: string): FactoryInput {
  const properties = (definition.factory?.properties ?? {}) as JsonObject;
  return { name, properties };
}

/** Every resource of a (valid) definition as the store's inputs: linked services first. */
export function resourceInputsOf(definition: FactoryDefinition): ResourceInput[] {
  const inputs: ResourceInput[] = [];
  for (const { kind, list } of factoryKinds) {
    for (const resource of definition[list]) {
      inputs.push({ kind, name: resource.name, json: resource as unknown as JsonObject });
    }
  }
  for (const other of definition.others) {
    inputs.push({ kind: other.kind, name: other.name, json: other.json as JsonObject });
  }
  return inputs;
}
