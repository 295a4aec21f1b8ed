import { SluiceError } from "../../../core/index.js";
import type { FactoryResources } from "../../activities/factory-resources.js";
import type { ResolvedDefinition } from "../../connections/resolve-definition.js";
import { resolveReference } from "./resource-reference.js";
import type { SqlClient } from "./sql-client.js";

/** Dataset types of SQL tables Sluice reads and writes (compared case-insensitively). */
export const sqlDatasetTypes: readonly string[] = [
  "PostgreSqlTable",
  "PostgreSqlV2Table",
  "AzurePostgreSqlTable",
  "MySqlTable",
  "AzureMySqlTable",
];

const lowerTypes = new Set(sqlDatasetTypes.map((type) => type.toLowerCase()));

/** True for a SQL table dataset type. */
export function isSqlDatasetType(type: string): boolean {
  return lowerTypes.has(type.toLowerCase());
}

/** A table a dataset names: `schema`/`table` (quoted), or a legacy `tableName` used as written. */
export type TableName =
  | { readonly kind: "parts"; readonly schema?: string; readonly table: string }
  | { readonly kind: "raw"; readonly text: string };

/** A SQL table dataset with its linked service, both resolved. */
export interface SqlDataset {
  readonly dataset: ResolvedDefinition;
  readonly linkedService: ResolvedDefinition;
  /** Undefined when the dataset names no table (a query must then say what to read). */
  readonly table?: TableName;
}

/** Resolves a dataset reference (`{referenceName, parameters}`) without opening anything. */
export function resolveDataset(
  resources: FactoryResources,
  reference: unknown,
): Promise<ResolvedDefinition> {
  return resolveReference(resources, "dataset", reference);
}

/** The linked service and table of a resolved SQL table dataset. */
export async function sqlDatasetOf(
  resources: FactoryResources,
  dataset: ResolvedDefinition,
): Promise<SqlDataset> {
  const linkedService = await resolveReference(
    resources,
    "linkedService",
    dataset.properties.linkedServiceName,
  );
  const table = tableNameOf(dataset.typeProperties);
  return { dataset, linkedService, ...(table === undefined ? {} : { table }) };
}

function tableNameOf(props: Readonly<Record<string, unknown>>): TableName | undefined {
  const nonEmpty = (value: unknown): string | undefined =>
    typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
  const table = nonEmpty(props.table);
  if (table !== undefined) {
    const schema = nonEmpty(props.schema);
    return { kind: "parts", table, ...(schema === undefined ? {} : { schema }) };
  }
  const legacy = nonEmpty(props.tableName);
  return legacy === undefined ? undefined : { kind: "raw", text: legacy };
}

/** The table as SQL text for `client`'s dialect. */
export function tableSql(client: SqlClient, table: TableName): string {
  if (table.kind === "raw") return table.text;
  const name = client.quote(table.table);
  return table.schema === undefined ? name : `${client.quote(table.schema)}.${name}`;
}

/** The table a statement needs, or a clear error naming the dataset. */
export function requireTable(dataset: SqlDataset, purpose: string): TableName {
  if (dataset.table !== undefined) return dataset.table;
  throw new SluiceError(
    "InvalidArgument",
    `Dataset '${dataset.dataset.name}' names no table (typeProperties.schema/table or tableName), and ${purpose}.`,
    { details: { field: "typeProperties.table", value: null } },
  );
}
