import { isSluiceError } from "../../core/index.js";
import type { FactoryStore, ResourceKind } from "../../store/index.js";
import type {
  FactoryResources,
  NamedDefinition,
  SecretLookup,
} from "../activities/factory-resources.js";

/**
 * A factory's current linked services and datasets, read from the store as needed, and the
 * Key Vault secrets its linked services reference.
 */
export function storeResources(
  factories: FactoryStore,
  factory: string,
  secrets?: SecretLookup,
): FactoryResources {
  const read = async (kind: ResourceKind, name: string): Promise<NamedDefinition | undefined> => {
    try {
      const record = await factories.getResource(factory, kind, name);
      const json = record.json as { properties?: unknown };
      return {
        name: record.name,
        properties: (json.properties ?? {}) as NamedDefinition["properties"],
      };
    } catch (error) {
      if (isSluiceError(error) && error.code === "StoreNotFound") return undefined;
      throw error;
    }
  };
  return {
    linkedService: (name) => read("linkedService", name),
    dataset: (name) => read("dataset", name),
    ...(secrets === undefined ? {} : { secrets }),
  };
}
