import type { JsonObject } from "../../../core/index.js";
import type { FactoryResources } from "../../activities/factory-resources.js";
import type { ResolvedDefinition } from "../../connections/resolve-definition.js";
import { connectSql } from "./open-sql.js";
import { readQueryOf } from "./read-query.js";
import { sqlDatasetOf } from "./sql-dataset.js";
import { statementError } from "./sql-error.js";
import { jsonRow } from "./sql-json.js";

/**
 * The first `maxRows` rows of a Lookup on a SQL table dataset: the source's `query`, else
 * the dataset's table. Rows are fetched through a cursor, so a query of a large table reads
 * only what the Lookup keeps.
 */
export async function lookupSqlRows(
  resources: FactoryResources,
  dataset: ResolvedDefinition,
  source: Readonly<Record<string, unknown>>,
  maxRows: number,
  signal: AbortSignal,
): Promise<JsonObject[]> {
  const sql = await sqlDatasetOf(resources, dataset);
  const open = await connectSql(sql.linkedService, "Source", signal);
  try {
    const query = readQueryOf(source, sql, open.client);
    const rows: JsonObject[] = [];
    try {
      for await (const batch of open.client.batches(query, maxRows)) {
        for (const row of batch.rows) rows.push(jsonRow(batch.columns, row));
        break;
      }
    } catch (error) {
      throw statementError(error, "Source", open.endpoint.password);
    }
    return rows.slice(0, maxRows);
  } finally {
    await open.client.close();
  }
}
