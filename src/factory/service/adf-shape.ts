import type { FactoryRecord, ResourceRecord } from "../../store/index.js";
import { factoryType, kindInfo, type FactoryResourceKind } from "./resource-kinds.js";

/** A factory or factory resource as ADF's REST API returns it. */
export interface AdfResource {
  /** `/factories/{factory}` or `/factories/{factory}/{segment}/{name}`: its path on this server. */
  readonly id: string;
  readonly name: string;
  /** ADF's ARM type, such as `Microsoft.DataFactory/factories/pipelines`. */
  readonly type: string;
  readonly etag: string;
  readonly properties: unknown;
}

/** A stored factory in ADF's shape. */
export function factoryShape(record: FactoryRecord): AdfResource {
  return {
    id: `/factories/${record.name}`,
    name: record.name,
    type: factoryType,
    etag: record.etag,
    properties: record.properties,
  };
}

/** A stored resource in ADF's shape; `properties` from its JSON (`{}` when it has none). */
export function resourceShape(record: ResourceRecord): AdfResource {
  const info = kindInfo(record.kind as FactoryResourceKind);
  return {
    id: `/factories/${record.factory}/${info.segment}/${record.name}`,
    name: record.name,
    type: info.type,
    etag: record.etag,
    properties: record.json.properties ?? {},
  };
}
