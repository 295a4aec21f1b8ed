import type { ResourceKind } from "../../store/index.js";

/** The resource kinds with their own REST paths: ADF's pipelines, datasets, linked services, triggers. */
export type FactoryResourceKind = "pipeline" | "dataset" | "linkedService" | "trigger";

/** How one kind appears in ADF: its REST path segment, ARM type and definition list. */
export interface KindInfo {
  readonly kind: FactoryResourceKind;
  /** The path segment under `/factories/{factory}/` (ADF's, lower case). */
  readonly segment: string;
  /** ADF's `type` of a resource of this kind. */
  readonly type: string;
  readonly list: "pipelines" | "datasets" | "linkedServices" | "triggers";
  /** For messages. */
  readonly noun: string;
}

/** ADF's factory ARM type. */
export const factoryType = "Microsoft.DataFactory/factories";

/** Every kind with a REST path, in the order a deploy stores them. */
export const factoryKinds: readonly KindInfo[] = [
  info("linkedService", "linkedservices", "linkedServices", "linked service"),
  info("dataset", "datasets", "datasets", "dataset"),
  info("pipeline", "pipelines", "pipelines", "pipeline"),
  info("trigger", "triggers", "triggers", "trigger"),
];

/**
 * Kinds ADF's git layout has beyond the four above; stored as given and read back when a
 * single resource is validated, so references to them (`connectVia`...) resolve.
 */
export const otherKinds: readonly ResourceKind[] = [
  "dataflow",
  "integrationRuntime",
  "credential",
  "managedVirtualNetwork",
  "managedPrivateEndpoint",
];

function info(
  kind: FactoryResourceKind,
  segment: string,
  list: KindInfo["list"],
  noun: string,
): KindInfo {
  return { kind, segment, type: `${factoryType}/${segment}`, list, noun };
}

/** The {@link KindInfo} of a kind. */
export function kindInfo(kind: FactoryResourceKind): KindInfo {
  const found = factoryKinds.find((candidate) => candidate.kind === kind);
  if (found === undefined) throw new Error(`Unknown factory resource kind ${kind}.`);
  return found;
}
