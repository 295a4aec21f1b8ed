import type { FactoryStore, ResourceKind, ResourceRecord } from "../../store/index.js";
import type {
  FactoryDefinition,
  FactoryResource,
  FactorySources,
  ResourceSource,
} from "../model/resources.js";
import { factoryKinds, otherKinds } from "./resource-kinds.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };

/** A resource about to be written, validated among the stored ones. */
export interface Candidate {
  readonly kind: ResourceKind;
  readonly name: string;
  readonly json: unknown;
}

/** Every current resource of one kind, all pages. */
async function listAll(
  store: FactoryStore,
  factory: string,
  kind: ResourceKind,
): Promise<ResourceRecord[]> {
  const all: ResourceRecord[] = [];
  let token: string | undefined;
  do {
    const page = await store.listResources(
      factory,
      kind,
      token === undefined ? {} : { continuationToken: token },
    );
    all.push(...page.items);
    token = page.continuationToken;
  } while (token !== undefined);
  return all;
}

/** The git-layout file a resource is reported under. */
export function candidateFile(kind: ResourceKind, name: string): string {
  return `${kind}/${name}.json`;
}

/**
 * The stored factory as a definition, with `candidate` in place of the stored resource of the
 * same kind and name (any case), or added; or with `factory` as the factory resource. Each
 * resource's source is its git-layout file, so problems of the candidate can be picked out.
 */
export async function definitionWith(
  store: FactoryStore,
  factoryName: string,
  change: { readonly candidate?: Candidate; readonly factory?: FactoryResource },
): Promise<FactoryDefinition> {
  const stored = await store.getFactory(factoryName);
  const definition: Mutable<FactoryDefinition> = {
    factory: change.factory ?? {
      name: stored.name,
      properties: stored.properties as FactoryResource["properties"],
    },
    pipelines: [],
    datasets: [],
    linkedServices: [],
    triggers: [],
    others: [],
  };
  const sources: Mutable<Omit<FactorySources, "factory">> & { factory?: ResourceSource } = {
    factory: { file: `factory/${stored.name}.json`, jsonPath: "$" },
    pipelines: [],
    datasets: [],
    linkedServices: [],
    triggers: [],
    others: [],
  };
  const candidate = change.candidate;
  const kinds = [...factoryKinds.map((k) => k.kind), ...otherKinds];
  for (const kind of kinds) {
    const list = factoryKinds.find((k) => k.kind === kind)?.list ?? "others";
    const records = await listAll(store, stored.name, kind);
    const resources: Candidate[] = records
      .filter((r) => !(candidate?.kind === kind && sameName(r.name, candidate.name)))
      .map((r) => ({ kind, name: r.name, json: r.json }));
    if (candidate?.kind === kind) resources.push(candidate);
    for (const resource of resources) {
      const entry = list === "others" ? resource : resource.json;
      (definition[list] as unknown[]).push(entry);
      sources[list].push({ file: candidateFile(kind, resource.name), jsonPath: "$" });
    }
  }
  return { ...definition, sources };
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
