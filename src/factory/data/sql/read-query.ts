import type { SqlClient } from "./sql-client.js";
import { requireTable, tableSql, type SqlDataset } from "./sql-dataset.js";

/**
 * What a Copy or Lookup source reads: its `query` when it has one (ADF: the query wins over
 * the dataset's table), otherwise every row of the dataset's table.
 */
export function readQueryOf(
  source: Readonly<Record<string, unknown>>,
  dataset: SqlDataset,
  client: SqlClient,
): string {
  const query = source.query ?? source.sqlReaderQuery;
  if (typeof query === "string" && query.trim() !== "") return query;
  const table = requireTable(dataset, "the activity's source has no query");
  return `SELECT * FROM ${tableSql(client, table)}`;
}
