import type { Insertable, Selectable } from "kysely";
import type { JsonObject } from "../core/index.js";
import type { FactoryRecord, ResourceKind, ResourceRecord } from "./factory-store.js";
import type { FactoriesTable, ResourceVersionsTable } from "./schema.js";

/** A `factories` row as a record. */
export function toFactoryRecord(row: Selectable<FactoriesTable>): FactoryRecord {
  const properties = JSON.parse(row.properties) as JsonObject;
  const globals = properties["globalParameters"];
  return {
    name: row.name,
    properties,
    globalParameters:
      typeof globals === "object" && globals !== null && !Array.isArray(globals) ? globals : {},
    etag: row.etag,
    lastModified: row.last_modified,
    creationTime: row.creation_time,
  };
}

/** A `resource_versions` row of the factory named `factory` as a record. */
export function toResourceRecord(
  factory: string,
  row: Selectable<ResourceVersionsTable>,
): ResourceRecord {
  return {
    factory,
    kind: row.kind as ResourceKind,
    name: row.name,
    version: row.version,
    json: JSON.parse(row.json) as JsonObject,
    etag: row.etag,
    versionTime: row.creation_time,
  };
}

/** A new version's row. */
export type VersionRow = Insertable<ResourceVersionsTable>;
