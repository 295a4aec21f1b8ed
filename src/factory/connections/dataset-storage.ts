import { SluiceError } from "../../core/index.js";
import type { FactoryResources } from "../activities/factory-resources.js";
import { datasetLocation, type DatasetLocation } from "./dataset-location.js";
import { openLinkedStorage, type LinkedStorage, type LinkedStorageDeps } from "./linked-storage.js";
import { resolveResource, type ResolvedDefinition } from "./resolve-definition.js";

/** A file-based dataset opened for reading: its storage and where its item is. */
export interface DatasetStorage {
  readonly dataset: ResolvedDefinition;
  readonly linkedService: ResolvedDefinition;
  readonly location: DatasetLocation;
  readonly storage: LinkedStorage;
}

/**
 * Opens the storage of a dataset reference (`{referenceName, parameters}`, parameter values
 * already resolved by the engine): binds the dataset's parameters, resolves `@dataset()`
 * in it, then does the same for its linked service with `linkedServiceName.parameters` and
 * `@linkedService()`, and opens the container its location names.
 */
export async function openDatasetStorage(
  resources: FactoryResources,
  reference: unknown,
  deps: LinkedStorageDeps,
  options: DatasetStorageOptions = {},
): Promise<DatasetStorage> {
  const ref = referenceOf(reference, "dataset");
  const dataset = await resolveResource(resources, "dataset", ref.referenceName, ref.parameters);
  const lsRef = referenceOf(dataset.properties.linkedServiceName, "linkedServiceName");
  const linkedService = await resolveResource(
    resources,
    "linkedService",
    lsRef.referenceName,
    lsRef.parameters,
  );
  const declared = datasetLocation(dataset);
  const storage = openLinkedStorage(linkedService, declared.container, deps, {
    location: declared,
    dataset,
    ...(options.sourceSettings === undefined ? {} : { sourceSettings: options.sourceSettings }),
  });
  return { dataset, linkedService, location: storage.location ?? declared, storage };
}

/** Options of {@link openDatasetStorage}. */
export interface DatasetStorageOptions {
  /**
   * The Copy activity's `source`, for stores whose source settings shape the read (a
   * `RestSource`'s requestMethod, additionalHeaders, paginationRules... override the
   * `RestResource` dataset's).
   */
  readonly sourceSettings?: Readonly<Record<string, unknown>>;
}

interface Reference {
  readonly referenceName: unknown;
  readonly parameters?: Readonly<Record<string, unknown>>;
}

function referenceOf(value: unknown, field: string): Reference {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new SluiceError(
      "InvalidArgument",
      `${field} must be a reference object {"referenceName": "<name>", "type": "...", "parameters": {...}}.`,
      { details: { field, value } },
    );
  }
  const ref = value as Record<string, unknown>;
  const parameters = ref.parameters;
  return {
    referenceName: ref.referenceName,
    ...(parameters !== null && typeof parameters === "object" && !Array.isArray(parameters)
      ? { parameters: parameters as Record<string, unknown> }
      : {}),
  };
}
