import type { Kysely } from "kysely";
import { SluiceError } from "../core/index.js";
import { canonicalJson, jsonDigest } from "./canonical-json.js";
import type { PutOutcome, ResourceInput, ResourceWriteOptions } from "./factory-store.js";
import { duplicate, etagConflict, idKey, notFound } from "./record-keys.js";
import type { StoreSchema } from "./schema.js";

/** A resource checked and ready to write: its keys, stored text and digest. */
export interface PreparedResource {
  readonly kind: string;
  readonly name: string;
  readonly nameKey: string;
  readonly text: string;
  readonly digest: string;
}

/** When a write happens, and the etag it stamps. */
export interface ResourceStamp {
  readonly now: number;
  readonly etag: string;
}

/** What {@link writeResource} did, and the version current afterwards. */
export interface ResourceWrite {
  readonly outcome: PutOutcome;
  readonly version: number;
}

const kindPattern = /^[A-Za-z][A-Za-z0-9]{0,63}$/;

/** Checks `resource` and computes its digest; an `InvalidArgument` names what is wrong. */
export function prepareResource(resource: ResourceInput): PreparedResource {
  if (typeof resource.kind !== "string" || !kindPattern.test(resource.kind)) {
    throw new SluiceError(
      "InvalidArgument",
      `Resource kind "${String(resource.kind)}" is not valid; use ADF's folder name, such as pipeline, dataset, linkedService or trigger (letters and digits, starting with a letter).`,
      { details: { field: "kind", value: String(resource.kind) } },
    );
  }
  if (typeof resource.name !== "string" || resource.name.trim() === "") {
    throw new SluiceError(
      "InvalidArgument",
      `The ${resource.kind} name "${String(resource.name)}" is empty; give the resource a name.`,
      { details: { field: "name", value: String(resource.name), kind: resource.kind } },
    );
  }
  const where = `${resource.kind} "${resource.name}"`;
  if (typeof resource.json !== "object" || resource.json === null || Array.isArray(resource.json)) {
    throw new SluiceError("InvalidArgument", `${where}: the JSON must be an object.`, {
      details: { field: "json", kind: resource.kind, name: resource.name },
    });
  }
  const canonical = canonicalJson(resource.json, where);
  return {
    kind: resource.kind,
    name: resource.name,
    nameKey: idKey(resource.name),
    text: JSON.stringify(resource.json),
    digest: jsonDigest(canonical),
  };
}

/**
 * Stores `resource` as a new version of its resource, unless its digest equals the current
 * version's. Runs inside the caller's write transaction, which must hold the factory's
 * resource lock (versions are numbered from what this reads).
 */
export async function writeResource(
  trx: Kysely<StoreSchema>,
  factoryKey: string,
  resource: PreparedResource,
  stamp: ResourceStamp,
  options: ResourceWriteOptions = {},
): Promise<ResourceWrite> {
  const current = await trx
    .selectFrom("factory_resources")
    .select(["version", "digest", "etag"])
    .where("factory_key", "=", factoryKey)
    .where("kind", "=", resource.kind)
    .where("name_key", "=", resource.nameKey)
    .executeTakeFirst();
  if (current !== undefined && options.ifNoneMatch === true)
    throw duplicate(resource.kind, resource.name);
  if (options.ifMatch !== undefined) {
    if (current === undefined) throw notFound(resource.kind, resource.name);
    if (current.etag !== options.ifMatch)
      throw etagConflict(resource.kind, resource.name, options.ifMatch, current.etag);
  }
  if (current !== undefined && current.digest === resource.digest) {
    return { outcome: "unchanged", version: current.version };
  }
  const version = (current?.version ?? (await lastVersion(trx, factoryKey, resource))) + 1;
  await storeVersion(trx, factoryKey, resource, version, stamp);
  return { outcome: current === undefined ? "created" : "updated", version };
}

/** Adds version `version` and points the current row at it (creating the row if needed). */
async function storeVersion(
  trx: Kysely<StoreSchema>,
  factoryKey: string,
  resource: PreparedResource,
  version: number,
  stamp: ResourceStamp,
): Promise<void> {
  const keys = { factory_key: factoryKey, kind: resource.kind, name_key: resource.nameKey };
  await trx
    .insertInto("resource_versions")
    .values({
      ...keys,
      version,
      name: resource.name,
      json: resource.text,
      digest: resource.digest,
      etag: stamp.etag,
      creation_time: stamp.now,
    })
    .execute();
  const pointer = {
    name: resource.name,
    version,
    digest: resource.digest,
    etag: stamp.etag,
    last_modified: stamp.now,
  };
  await trx
    .insertInto("factory_resources")
    .values({ ...pointer, ...keys, creation_time: stamp.now })
    .onConflict((conflict) =>
      conflict.columns(["factory_key", "kind", "name_key"]).doUpdateSet(pointer),
    )
    .execute();
}

/** The highest version a deleted resource left, or 0. */
async function lastVersion(
  trx: Kysely<StoreSchema>,
  factoryKey: string,
  resource: PreparedResource,
): Promise<number> {
  const row = await trx
    .selectFrom("resource_versions")
    .select((eb) => eb.fn.max("version").as("last"))
    .where("factory_key", "=", factoryKey)
    .where("kind", "=", resource.kind)
    .where("name_key", "=", resource.nameKey)
    .executeTakeFirst();
  return Number(row?.last ?? 0);
}
