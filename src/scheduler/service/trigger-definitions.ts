import { SluiceError, isSluiceError } from "../../core/index.js";
import type { AdfResource, FactoryService } from "../../factory/index.js";
import { parseTrigger } from "../definition/parse-trigger.js";
import type { TriggerSpec } from "../definition/trigger-spec.js";

/** Trigger definitions from the factory store, parsed once per stored version (etag). */
export class TriggerDefinitions {
  private readonly cache = new Map<string, { etag: string; spec: TriggerSpec }>();

  constructor(private readonly factories: FactoryService) {}

  /** The trigger's spec; undefined when it no longer exists. Throws `FactoryInvalid` when malformed. */
  async find(factory: string, name: string): Promise<TriggerSpec | undefined> {
    let resource;
    try {
      resource = await this.factories.getResource(factory, "trigger", name);
    } catch (error) {
      if (isSluiceError(error) && error.code === "StoreNotFound") return undefined;
      throw error;
    }
    return this.specOf(factory, resource);
  }

  /**
   * Every trigger of the factory, by lower-case name, read a page of 1,000 at a time: a
   * scheduler pass over many started triggers reads them in a few queries, not one each.
   */
  async readAll(factory: string): Promise<Map<string, AdfResource>> {
    const all = new Map<string, AdfResource>();
    let continuationToken: string | undefined;
    do {
      const page = await this.factories.listResources(
        factory,
        "trigger",
        continuationToken === undefined ? {} : { continuationToken },
      );
      for (const resource of page.value) all.set(resource.name.toLowerCase(), resource);
      continuationToken = page.continuationToken;
    } while (continuationToken !== undefined);
    return all;
  }

  /** The spec of a stored trigger, parsed once per etag. Throws `FactoryInvalid` when malformed. */
  specOf(factory: string, resource: AdfResource): TriggerSpec {
    const key = `${factory.toLowerCase()}/${resource.name.toLowerCase()}`;
    const cached = this.cache.get(key);
    if (cached?.etag === resource.etag) return cached.spec;
    const parsed = parseTrigger({ name: resource.name, properties: resource.properties });
    if (!parsed.spec) {
      const lines = parsed.problems.map((p) => `  ${p.jsonPath}: ${p.message}`);
      throw new SluiceError(
        "FactoryInvalid",
        `The trigger "${resource.name}" is invalid:\n${lines.join("\n")}`,
        {
          details: {
            problems: parsed.problems.map((p) => ({
              severity: "error",
              file: `trigger/${resource.name}.json`,
              ...p,
            })),
          },
        },
      );
    }
    this.cache.set(key, { etag: resource.etag, spec: parsed.spec });
    return parsed.spec;
  }

  /** Like {@link find}, but a missing trigger is `StoreNotFound`. */
  async get(factory: string, name: string): Promise<TriggerSpec> {
    const spec = await this.find(factory, name);
    if (spec) return spec;
    throw new SluiceError(
      "StoreNotFound",
      `There is no trigger "${name}" in factory "${factory}".`,
      {
        details: { field: "trigger", value: name },
      },
    );
  }
}
