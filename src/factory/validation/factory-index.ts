import type { FactoryDefinition, FactorySources, ResourceSource } from "../model/resources.js";
import { isObject } from "./reporter.js";

/** A kind of named resource that references can point at. */
export type IndexedKind =
  | "pipeline"
  | "dataset"
  | "linkedService"
  | "trigger"
  | "dataflow"
  | "integrationRuntime"
  | "credential";

/** Human names for messages. */
export const kindNames: Readonly<Record<IndexedKind, string>> = {
  pipeline: "pipeline",
  dataset: "dataset",
  linkedService: "linked service",
  trigger: "trigger",
  dataflow: "data flow",
  integrationRuntime: "integration runtime",
  credential: "credential",
};

/** The git folder of each kind, where a definition built in code "comes from". */
const folders: Readonly<Record<string, string>> = {
  pipelines: "pipeline",
  datasets: "dataset",
  linkedServices: "linkedService",
  triggers: "trigger",
};

/** Names of everything in a factory (by lower-cased name, as ADF names are case-insensitive) and its global parameters. */
export interface FactoryIndex {
  readonly names: Readonly<Record<IndexedKind, ReadonlyMap<string, unknown>>>;
  /** Global parameter names, lower-cased; undefined when the definition has no factory resource. */
  readonly globalParameters: ReadonlySet<string> | undefined;
}

function byName(resources: readonly unknown[]): Map<string, unknown> {
  const map = new Map<string, unknown>();
  for (const resource of resources) {
    const name = isObject(resource) ? resource.name : undefined;
    if (typeof name === "string" && !map.has(name.toLowerCase()))
      map.set(name.toLowerCase(), resource);
  }
  return map;
}

/** Indexes a definition's names. */
export function indexFactory(definition: FactoryDefinition): FactoryIndex {
  const others = (kind: string) =>
    byName(
      definition.others
        .filter((o) => o.kind.toLowerCase() === kind.toLowerCase())
        .map((o) => o.json),
    );
  const globals = definition.factory?.properties?.globalParameters;
  return {
    names: {
      pipeline: byName(definition.pipelines),
      dataset: byName(definition.datasets),
      linkedService: byName(definition.linkedServices),
      trigger: byName(definition.triggers),
      dataflow: others("dataflow"),
      integrationRuntime: others("integrationRuntime"),
      credential: others("credential"),
    },
    globalParameters: definition.factory
      ? new Set(Object.keys(isObject(globals) ? globals : {}).map((k) => k.toLowerCase()))
      : undefined,
  };
}

/** Where a resource came from: its recorded source, or its git file when built in code. */
export function sourceOf(
  definition: FactoryDefinition,
  list: keyof Omit<FactorySources, "factory">,
  index: number,
): ResourceSource {
  const recorded = definition.sources?.[list][index];
  if (recorded) return recorded;
  if (list === "others") {
    const other = definition.others[index];
    return { file: `${other?.kind ?? "other"}/${other?.name ?? index}.json`, jsonPath: "$" };
  }
  const resource: unknown = definition[list][index];
  const name =
    isObject(resource) && typeof resource.name === "string" ? resource.name : `#${index}`;
  return { file: `${folders[list]}/${name}.json`, jsonPath: "$" };
}

/** Where the factory resource came from. */
export function factorySource(definition: FactoryDefinition): ResourceSource {
  return (
    definition.sources?.factory ?? {
      file: `factory/${definition.factory?.name ?? "factory"}.json`,
      jsonPath: "$",
    }
  );
}
