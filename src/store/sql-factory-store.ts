import type { Kysely } from "kysely";
import {
  systemClock,
  systemRandom,
  type Clock,
  type RandomSource,
  SluiceError,
} from "../core/index.js";
import { lockForTransaction, lockSpace } from "./advisory-lock.js";
import { deployFactory, saveFactory } from "./factory-deploy.js";
import { toFactoryRecord, toResourceRecord } from "./factory-row.js";
import type {
  DeployOptions,
  DeployReport,
  FactoryInput,
  FactoryRecord,
  FactoryStore,
  PutResult,
  ResourceInput,
  ResourceKind,
  ResourceRecord,
  ResourceWriteOptions,
} from "./factory-store.js";
import {
  decodeContinuationToken,
  decodeNumericContinuationToken,
  pageSize,
  toPage,
  type ListOptions,
  type Page,
} from "./page.js";
import { etagConflict, idKey, newEtag, notFound } from "./record-keys.js";
import { prepareResource, writeResource } from "./resource-write.js";
import type { StoreSchema } from "./schema.js";
import type { StoreDeps } from "./sql-pool-store.js";
import type { StoreContext } from "./store-context.js";
import { integerAtLeast } from "./store-arguments.js";

/** The {@link FactoryStore} for both dialects. Pass a `Database`, or `joinTransaction(...)`. */
export function createFactoryStore(context: StoreContext, deps: StoreDeps = {}): FactoryStore {
  return new SqlFactoryStore(context, deps.clock ?? systemClock, deps.random ?? systemRandom);
}

// Resource writes of one factory take the factory's lock (PostgreSQL; SQLite's write
// transactions are serial anyway): a version number is read and its successor written.
class SqlFactoryStore implements FactoryStore {
  constructor(
    private readonly context: StoreContext,
    private readonly clock: Clock,
    private readonly random: RandomSource,
  ) {}

  async getFactory(name: string): Promise<FactoryRecord> {
    return toFactoryRecord(await this.factoryRow(this.context.db, name));
  }

  async listFactories(options: ListOptions = {}): Promise<Page<FactoryRecord>> {
    const size = pageSize(options);
    let query = this.context.db
      .selectFrom("factories")
      .selectAll()
      .orderBy("name_key")
      .limit(size + 1);
    if (options.continuationToken !== undefined) {
      query = query.where("name_key", ">", decodeContinuationToken(options.continuationToken));
    }
    return toPage(await query.execute(), size, (row) => row.name_key, toFactoryRecord);
  }

  upsertFactory(
    factory: FactoryInput,
    options: { readonly ifMatch?: string } = {},
  ): Promise<FactoryRecord> {
    const stamp = { now: this.clock.now(), etag: newEtag(this.random) };
    return this.context.writeTransaction((trx) =>
      saveFactory(trx, factory, stamp, options.ifMatch),
    );
  }

  async putResource(
    factory: string,
    resource: ResourceInput,
    options: ResourceWriteOptions = {},
  ): Promise<PutResult> {
    const prepared = prepareResource(resource);
    const stamp = { now: this.clock.now(), etag: newEtag(this.random) };
    return this.context.writeTransaction(async (trx) => {
      const factoryRow = await this.factoryRow(trx, factory);
      await lockForTransaction(
        this.context.dialect,
        trx,
        lockSpace.factoryResources,
        factoryRow.name_key,
      );
      const write = await writeResource(trx, factoryRow.name_key, prepared, stamp, options);
      const row = await versionRow(
        trx,
        factoryRow.name_key,
        prepared.kind,
        prepared.nameKey,
        write.version,
      );
      if (row === undefined) throw notFound(prepared.kind, prepared.name);
      return { outcome: write.outcome, resource: toResourceRecord(factoryRow.name, row) };
    });
  }

  async getResource(
    factory: string,
    kind: ResourceKind,
    name: string,
    options: { readonly version?: number } = {},
  ): Promise<ResourceRecord> {
    const db = this.context.db;
    const factoryRow = await this.factoryRow(db, factory);
    let version = options.version;
    if (version === undefined) {
      const current = await currentRow(db, factoryRow.name_key, kind, idKey(name));
      if (current === undefined) throw notFound(kind, name);
      version = current.version;
    } else {
      integerAtLeast("version", version, 1);
    }
    const row = await versionRow(db, factoryRow.name_key, kind, idKey(name), version);
    if (row === undefined) throw versionNotFound(kind, name, version);
    return toResourceRecord(factoryRow.name, row);
  }

  async listResources(
    factory: string,
    kind: ResourceKind,
    options: ListOptions = {},
  ): Promise<Page<ResourceRecord>> {
    const size = pageSize(options);
    const factoryRow = await this.factoryRow(this.context.db, factory);
    let query = this.context.db
      .selectFrom("factory_resources as r")
      .innerJoin("resource_versions as v", (join) =>
        join
          .onRef("v.factory_key", "=", "r.factory_key")
          .onRef("v.kind", "=", "r.kind")
          .onRef("v.name_key", "=", "r.name_key")
          .onRef("v.version", "=", "r.version"),
      )
      .selectAll("v")
      .where("r.factory_key", "=", factoryRow.name_key)
      .where("r.kind", "=", kind)
      .orderBy("r.name_key")
      .limit(size + 1);
    if (options.continuationToken !== undefined) {
      query = query.where("r.name_key", ">", decodeContinuationToken(options.continuationToken));
    }
    const rows = await query.execute();
    return toPage(
      rows,
      size,
      (row) => row.name_key,
      (row) => toResourceRecord(factoryRow.name, row),
    );
  }

  async listVersions(
    factory: string,
    kind: ResourceKind,
    name: string,
    options: ListOptions = {},
  ): Promise<Page<ResourceRecord>> {
    const size = pageSize(options);
    const factoryRow = await this.factoryRow(this.context.db, factory);
    let query = this.context.db
      .selectFrom("resource_versions")
      .selectAll()
      .where("factory_key", "=", factoryRow.name_key)
      .where("kind", "=", kind)
      .where("name_key", "=", idKey(name))
      .orderBy("version", "desc")
      .limit(size + 1);
    if (options.continuationToken !== undefined) {
      query = query.where(
        "version",
        "<",
        decodeNumericContinuationToken(options.continuationToken),
      );
    }
    const rows = await query.execute();
    if (rows.length === 0 && options.continuationToken === undefined) throw notFound(kind, name);
    return toPage(
      rows,
      size,
      (row) => String(row.version),
      (row) => toResourceRecord(factoryRow.name, row),
    );
  }

  async deleteResource(
    factory: string,
    kind: ResourceKind,
    name: string,
    options: { readonly ifMatch?: string } = {},
  ): Promise<void> {
    await this.context.writeTransaction(async (trx) => {
      const factoryRow = await this.factoryRow(trx, factory);
      await lockForTransaction(
        this.context.dialect,
        trx,
        lockSpace.factoryResources,
        factoryRow.name_key,
      );
      let query = trx
        .deleteFrom("factory_resources")
        .where("factory_key", "=", factoryRow.name_key)
        .where("kind", "=", kind)
        .where("name_key", "=", idKey(name));
      if (options.ifMatch !== undefined) query = query.where("etag", "=", options.ifMatch);
      const result = await query.executeTakeFirst();
      if (result.numDeletedRows === 0n) {
        throw await rejection(trx, factoryRow.name_key, kind, name, options.ifMatch);
      }
    });
  }

  deployAll(
    factory: FactoryInput,
    resources: readonly ResourceInput[],
    options: DeployOptions = {},
  ): Promise<DeployReport> {
    const stamp = { now: this.clock.now(), etag: newEtag(this.random) };
    return deployFactory(this.context, { factory, resources, options, stamp });
  }

  private async factoryRow(db: Kysely<StoreSchema>, name: string) {
    const row = await findFactory(db, name);
    if (row === undefined) throw notFound("factory", name);
    return row;
  }
}

function findFactory(db: Kysely<StoreSchema>, name: string) {
  return db
    .selectFrom("factories")
    .selectAll()
    .where("name_key", "=", idKey(name))
    .executeTakeFirst();
}

function currentRow(db: Kysely<StoreSchema>, factoryKey: string, kind: string, nameKey: string) {
  return db
    .selectFrom("factory_resources")
    .selectAll()
    .where("factory_key", "=", factoryKey)
    .where("kind", "=", kind)
    .where("name_key", "=", nameKey)
    .executeTakeFirst();
}

function versionRow(
  db: Kysely<StoreSchema>,
  factoryKey: string,
  kind: string,
  nameKey: string,
  version: number,
) {
  return db
    .selectFrom("resource_versions")
    .selectAll()
    .where("factory_key", "=", factoryKey)
    .where("kind", "=", kind)
    .where("name_key", "=", nameKey)
    .where("version", "=", version)
    .executeTakeFirst();
}

/** Why a resource delete matched no row: it is gone, or changed since it was read. */
async function rejection(
  db: Kysely<StoreSchema>,
  factoryKey: string,
  kind: string,
  name: string,
  ifMatch: string | undefined,
): Promise<SluiceError> {
  const row = await currentRow(db, factoryKey, kind, idKey(name));
  if (row === undefined) return notFound(kind, name);
  return etagConflict(kind, name, ifMatch ?? "", row.etag);
}

function versionNotFound(kind: string, name: string, version: number): SluiceError {
  return new SluiceError(
    "StoreNotFound",
    `The ${kind} "${name}" has no version ${version}; versions are numbered from 1 and listVersions lists them.`,
    { details: { kind, id: name, version } },
  );
}
