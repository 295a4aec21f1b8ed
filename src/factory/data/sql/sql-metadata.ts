import { SluiceError, type JsonObject } from "../../../core/index.js";
import type { FactoryResources } from "../../activities/factory-resources.js";
import type { ResolvedDefinition } from "../../connections/resolve-definition.js";
import { connectSql } from "./open-sql.js";
import { requireTable, sqlDatasetOf, tableSql } from "./sql-dataset.js";
import { statementError } from "./sql-error.js";

/** The GetMetadata fields of a table dataset, as ADF lists them for relational stores. */
export const tableMetadataFields = ["structure", "columnCount", "exists"] as const;

type TableField = (typeof tableMetadataFields)[number];

/**
 * GetMetadata on a SQL table dataset: `structure` (`[{name, type}]` in ADF's interim types),
 * `columnCount`, `exists`. One `SELECT * ... WHERE 1 = 0` reads the columns without rows. A
 * missing table gives `{exists: false}` when `exists` is asked for, else the error.
 */
export async function tableMetadata(
  resources: FactoryResources,
  dataset: ResolvedDefinition,
  fieldList: unknown,
  signal: AbortSignal,
): Promise<JsonObject> {
  const fields = tableFields(fieldList);
  const sql = await sqlDatasetOf(resources, dataset);
  const table = requireTable(sql, "GetMetadata reads a table");
  const open = await connectSql(sql.linkedService, "Source", signal);
  try {
    let columns;
    try {
      const [probe] = await open.client.run(
        `SELECT * FROM ${tableSql(open.client, table)} WHERE 1 = 0`,
      );
      columns = probe?.columns ?? [];
    } catch (error) {
      if (fields.includes("exists") && isMissingTable(error)) return { exists: false };
      throw statementError(error, "Source", open.endpoint.password);
    }
    const output: JsonObject = {};
    for (const field of fields) {
      if (field === "exists") output.exists = true;
      if (field === "columnCount") output.columnCount = columns.length;
      if (field === "structure") {
        output.structure = columns.map((column) => ({
          name: column.name,
          type: column.type.interim,
        }));
      }
    }
    return output;
  } finally {
    await open.client.close();
  }
}

function tableFields(value: unknown): TableField[] {
  const allowed: readonly string[] = tableMetadataFields;
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    value.some((item) => !allowed.includes(String(item)))
  ) {
    throw new SluiceError(
      "InvalidArgument",
      `GetMetadata fieldList on a table dataset may hold only ${allowed.join(", ")}; got ${JSON.stringify(value)}.`,
      { details: { field: "fieldList", value, allowed } },
    );
  }
  return [...new Set(value as TableField[])];
}

// PostgreSQL's undefined_table and MySQL's ER_NO_SUCH_TABLE.
function isMissingTable(error: unknown): boolean {
  const driver = (error ?? {}) as { code?: unknown; errno?: unknown };
  return driver.code === "42P01" || driver.errno === 1146;
}
