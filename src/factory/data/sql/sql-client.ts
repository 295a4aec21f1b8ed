import type { SqlDialect } from "./sql-endpoint.js";
import type { SqlColumnType } from "./sql-types.js";

/** A result column: its name and type. */
export interface SqlColumn {
  readonly name: string;
  readonly type: SqlColumnType;
}

/**
 * A value as the drivers hand it over, normalised: the database's text form, binary values
 * as hex digits (no `\x`), NULL as null. DuckDB and the JSON outputs convert from it.
 */
export type SqlText = string | null;

/** Rows of one result, in column order. */
export interface SqlRows {
  readonly columns: readonly SqlColumn[];
  readonly rows: readonly (readonly SqlText[])[];
}

/** One statement's outcome: its rows (if it returns any) and the rows it changed. */
export interface SqlResult extends SqlRows {
  /** True for a statement that returns a row set (SELECT, RETURNING...), even an empty one. */
  readonly returnsRows: boolean;
  /** Rows inserted, updated or deleted (0 for a query). */
  readonly affected: number;
}

/**
 * One open connection to a SQL store (PostgreSQL through `pg`, MySQL/MariaDB through
 * `mysql2`), with what data movement needs: statements with parameters, scripts of several
 * statements, and a query read in batches so a table never sits in memory whole.
 */
export interface SqlClient {
  readonly dialect: SqlDialect;
  /** A quoted identifier (`"name"` or `` `name` ``). */
  quote(identifier: string): string;
  /** The placeholder of the `index`th (1-based) parameter: `$1` or `?`. */
  placeholder(index: number): string;
  /**
   * Runs SQL: with `params`, one statement; without, a script of one or more statements,
   * each giving a result.
   */
  run(sql: string, params?: readonly unknown[]): Promise<SqlResult[]>;
  /** Reads a query's rows in batches of at most `batchRows` (the first batch may be empty). */
  batches(sql: string, batchRows: number): AsyncIterable<SqlRows>;
  close(): Promise<void>;
}

/** A query text without trailing semicolons and blanks (so it can be wrapped). */
export function trimStatement(sql: string): string {
  return sql.replace(/[\s;]+$/u, "");
}
