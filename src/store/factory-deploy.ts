import type { Kysely } from "kysely";
import { SluiceError } from "../core/index.js";
import { lockForTransaction, lockSpace } from "./advisory-lock.js";
import { canonicalJson, jsonDigest } from "./canonical-json.js";
import { toFactoryRecord } from "./factory-row.js";
import type {
  DeployedResource,
  DeployOptions,
  DeployReport,
  FactoryInput,
  FactoryRecord,
  ResourceInput,
  ResourceKind,
} from "./factory-store.js";
import { etagConflict, idKey, notFound } from "./record-keys.js";
import {
  prepareResource,
  writeResource,
  type PreparedResource,
  type ResourceStamp,
} from "./resource-write.js";
import type { StoreSchema } from "./schema.js";
import type { StoreContext } from "./store-context.js";

/** The arguments of {@link deployFactory}. */
export interface DeployRequest {
  readonly factory: FactoryInput;
  readonly resources: readonly ResourceInput[];
  readonly options: DeployOptions;
  readonly stamp: ResourceStamp;
}

/**
 * `FactoryStore.deployAll`: every resource is checked before the transaction starts; then
 * one write transaction saves the factory and each changed resource, so a failure at any
 * point leaves the store as it was.
 */
export async function deployFactory(
  context: StoreContext,
  request: DeployRequest,
): Promise<DeployReport> {
  const prepared = request.resources.map(prepareResource);
  refuseDuplicates(prepared);
  return context.writeTransaction(async (trx) => {
    const factory = await saveFactory(trx, request.factory, request.stamp);
    const factoryKey = idKey(factory.name);
    await lockForTransaction(context.dialect, trx, lockSpace.factoryResources, factoryKey);
    const current = await currentDigests(trx, factoryKey);
    const resources: DeployedResource[] = [];
    for (const resource of prepared) {
      const existing = current.get(resourceKey(resource.kind, resource.nameKey));
      if (existing !== undefined && existing.digest === resource.digest) {
        resources.push(deployed(resource, existing.version, "unchanged"));
        continue;
      }
      const write = await writeResource(trx, factoryKey, resource, request.stamp);
      resources.push(deployed(resource, write.version, write.outcome));
    }
    const deleted =
      request.options.deleteMissing === true
        ? await deleteMissing(trx, factoryKey, current, prepared)
        : [];
    return { factory, resources, deleted };
  });
}

/**
 * Creates the factory or replaces its properties; properties that mean the same keep the
 * row (and its etag) as it is. `ifMatch` refuses a factory changed since it was read.
 */
export async function saveFactory(
  trx: Kysely<StoreSchema>,
  input: FactoryInput,
  stamp: ResourceStamp,
  ifMatch?: string,
): Promise<FactoryRecord> {
  const properties = input.properties ?? {};
  const digest = jsonDigest(canonicalJson(properties, `factory "${input.name}" properties`));
  const nameKey = idKey(input.name);
  const current = await trx
    .selectFrom("factories")
    .selectAll()
    .where("name_key", "=", nameKey)
    .executeTakeFirst();
  if (ifMatch !== undefined) {
    if (current === undefined) throw notFound("factory", input.name);
    if (current.etag !== ifMatch) throw etagConflict("factory", input.name, ifMatch, current.etag);
  }
  if (
    current !== undefined &&
    current.name === input.name &&
    jsonDigest(canonicalJson(JSON.parse(current.properties), "stored factory")) === digest
  ) {
    return toFactoryRecord(current);
  }
  const fields = {
    name: input.name,
    properties: JSON.stringify(properties),
    etag: stamp.etag,
    last_modified: stamp.now,
  };
  const row = await trx
    .insertInto("factories")
    .values({ ...fields, name_key: nameKey, creation_time: stamp.now })
    .onConflict((conflict) => conflict.column("name_key").doUpdateSet(fields))
    .returningAll()
    .executeTakeFirstOrThrow();
  return toFactoryRecord(row);
}

function resourceKey(kind: string, nameKey: string): string {
  return `${kind}/${nameKey}`;
}

function deployed(
  resource: PreparedResource,
  version: number,
  outcome: DeployedResource["outcome"],
): DeployedResource {
  return { kind: resource.kind, name: resource.name, version, outcome };
}

/** Two resources of one kind whose names differ only in case would overwrite each other. */
function refuseDuplicates(prepared: readonly PreparedResource[]): void {
  const seen = new Map<string, number>();
  prepared.forEach((resource, index) => {
    const key = resourceKey(resource.kind, resource.nameKey);
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, index);
      return;
    }
    const other = prepared[first]?.name ?? "";
    throw new SluiceError(
      "InvalidArgument",
      `resources[${index}]: the ${resource.kind} "${resource.name}" has the same name as resources[${first}] ("${other}"); names are unique per kind regardless of case. Nothing was stored.`,
      { details: { field: `resources[${index}].name`, value: resource.name, duplicateOf: first } },
    );
  });
}

interface CurrentVersion {
  readonly kind: string;
  readonly name: string;
  readonly nameKey: string;
  readonly version: number;
  readonly digest: string;
}

/** The factory's current resources by kind and name key: one query, no JSON read. */
async function currentDigests(
  trx: Kysely<StoreSchema>,
  factoryKey: string,
): Promise<Map<string, CurrentVersion>> {
  const rows = await trx
    .selectFrom("factory_resources")
    .select(["kind", "name", "name_key", "version", "digest"])
    .where("factory_key", "=", factoryKey)
    .execute();
  return new Map(
    rows.map((row) => [
      resourceKey(row.kind, row.name_key),
      {
        kind: row.kind,
        name: row.name,
        nameKey: row.name_key,
        version: row.version,
        digest: row.digest,
      },
    ]),
  );
}

/** Deletes the current resources the deploy does not name; their versions stay. */
async function deleteMissing(
  trx: Kysely<StoreSchema>,
  factoryKey: string,
  current: ReadonlyMap<string, CurrentVersion>,
  prepared: readonly PreparedResource[],
): Promise<{ kind: ResourceKind; name: string }[]> {
  const named = new Set(prepared.map((resource) => resourceKey(resource.kind, resource.nameKey)));
  const missing = [...current.entries()]
    .filter(([key]) => !named.has(key))
    .map(([, resource]) => resource)
    .sort((a, b) => (a.kind === b.kind ? compare(a.nameKey, b.nameKey) : compare(a.kind, b.kind)));
  for (const resource of missing) {
    await trx
      .deleteFrom("factory_resources")
      .where("factory_key", "=", factoryKey)
      .where("kind", "=", resource.kind)
      .where("name_key", "=", resource.nameKey)
      .execute();
  }
  return missing.map((resource) => ({ kind: resource.kind, name: resource.name }));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
