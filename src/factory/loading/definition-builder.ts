import type {
  DatasetResource,
  FactoryDefinition,
  FactoryResource,
  LinkedServiceResource,
  ResourceSource,
  TriggerResource,
} from "../model/resources.js";
import type { PipelineResource } from "../model/pipeline.js";

/** The resource kinds a definition holds in typed lists. */
export type ResourceKind = "pipeline" | "dataset" | "linkedService" | "trigger" | "factory";

/**
 * Collects resources and where each came from into a {@link FactoryDefinition}. Resources are
 * kept as read: validation, not loading, judges their shape.
 */
export class DefinitionBuilder {
  private factory: { json: FactoryResource; source: ResourceSource } | undefined;
  private readonly lists = {
    pipeline: [] as { json: PipelineResource; source: ResourceSource }[],
    dataset: [] as { json: DatasetResource; source: ResourceSource }[],
    linkedService: [] as { json: LinkedServiceResource; source: ResourceSource }[],
    trigger: [] as { json: TriggerResource; source: ResourceSource }[],
  };
  private readonly others: { kind: string; name: string; json: unknown; source: ResourceSource }[] =
    [];

  hasFactory(): boolean {
    return this.factory !== undefined;
  }

  add(kind: ResourceKind, json: unknown, source: ResourceSource): void {
    if (kind === "factory") this.factory = { json: json as FactoryResource, source };
    else (this.lists[kind] as { json: unknown; source: ResourceSource }[]).push({ json, source });
  }

  /** Sets the factory's global parameters, creating the factory resource when there is none. */
  setGlobalParameters(globalParameters: Record<string, unknown>, source: ResourceSource): void {
    const name = this.factory?.json.name ?? "default";
    const json = { name, properties: { globalParameters } } as FactoryResource;
    this.factory = { json, source: this.factory?.source ?? source };
  }

  addOther(kind: string, json: unknown, source: ResourceSource): void {
    const name = (json as { name?: unknown }).name;
    this.others.push({ kind, name: typeof name === "string" ? name : source.file, json, source });
  }

  build(): FactoryDefinition {
    const { pipeline, dataset, linkedService, trigger } = this.lists;
    return {
      ...(this.factory ? { factory: this.factory.json } : {}),
      pipelines: pipeline.map((r) => r.json),
      datasets: dataset.map((r) => r.json),
      linkedServices: linkedService.map((r) => r.json),
      triggers: trigger.map((r) => r.json),
      others: this.others.map(({ kind, name, json }) => ({ kind, name, json })),
      sources: {
        ...(this.factory ? { factory: this.factory.source } : {}),
        pipelines: pipeline.map((r) => r.source),
        datasets: dataset.map((r) => r.source),
        linkedServices: linkedService.map((r) => r.source),
        triggers: trigger.map((r) => r.source),
        others: this.others.map((r) => r.source),
      },
    };
  }
}
