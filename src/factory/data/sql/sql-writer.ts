import type { SkippedRow } from "../tabular-copy.js";
import type { SqlClient } from "./sql-client.js";
import { statementError } from "./sql-error.js";

/** The table a copy writes, its columns (as the table spells them) and upsert keys. */
export interface WriteTarget {
  readonly table: string;
  readonly columns: readonly string[];
  readonly keys?: readonly string[];
}

/** How a writer treats rows the database refuses. */
export interface WriterOptions {
  readonly skip: boolean;
  readonly maxLoggedRows: number;
  readonly password: string;
}

type Row = readonly (string | Buffer | null)[];

const stage = "sluice_stage";

/**
 * Writes batches of rows inside the caller's transaction: multi-row INSERTs, or for an
 * upsert, INSERTs into a temporary stage table merged into the target by the key columns
 * (UPDATE the rows that match, INSERT the rest), which needs no unique constraint.
 */
export class SqlWriter {
  private written = 0;
  private skippedCount = 0;
  private bytes = 0;
  private readonly skipped: SkippedRow[] = [];

  constructor(
    private readonly client: SqlClient,
    private readonly target: WriteTarget,
    private readonly options: WriterOptions,
  ) {}

  /** Creates the upsert's stage table (dropped at the end of the transaction). */
  async prepare(): Promise<void> {
    if (this.target.keys === undefined) return;
    const columns = this.quotedColumns();
    const temp =
      this.client.dialect === "postgres"
        ? `CREATE TEMP TABLE ${stage} ON COMMIT DROP AS`
        : `CREATE TEMPORARY TABLE ${stage} AS`;
    await this.exec(`${temp} SELECT ${columns} FROM ${this.target.table} WHERE 1 = 0`);
  }

  /** Writes rows; with skipping on, rows the database refuses are counted and logged. */
  async write(rows: readonly Row[]): Promise<void> {
    if (!this.options.skip) {
      await this.writeRows(rows);
      return;
    }
    if ((await this.tryWrite(rows, "sluice_batch")) === true) return;
    for (const row of rows) {
      const failure = await this.tryWrite([row], "sluice_row");
      if (failure !== true) this.skip(row, failure);
    }
  }

  async finish(): Promise<void> {
    if (this.target.keys !== undefined && this.client.dialect === "mysql") {
      await this.exec(`DROP TEMPORARY TABLE ${stage}`);
    }
  }

  result(): {
    rowsWritten: number;
    rowsSkipped: number;
    bytesWritten: number;
    skipped: SkippedRow[];
  } {
    return {
      rowsWritten: this.written,
      rowsSkipped: this.skippedCount,
      bytesWritten: this.bytes,
      skipped: this.skipped,
    };
  }

  /** True when the rows were written; otherwise the reason, with the savepoint rolled back. */
  private async tryWrite(rows: readonly Row[], savepoint: string): Promise<true | string> {
    await this.exec(`SAVEPOINT ${savepoint}`);
    try {
      await this.writeRows(rows);
      await this.exec(`RELEASE SAVEPOINT ${savepoint}`);
      return true;
    } catch (error) {
      await this.exec(`ROLLBACK TO SAVEPOINT ${savepoint}`);
      return error instanceof Error ? error.message : String(error);
    }
  }

  private async writeRows(rows: readonly Row[]): Promise<void> {
    if (rows.length === 0) return;
    const into = this.target.keys === undefined ? this.target.table : stage;
    const params = rows.flat();
    let index = 0;
    const tuples = rows.map(
      (row) => `(${row.map(() => this.client.placeholder(++index)).join(", ")})`,
    );
    const sql = `INSERT INTO ${into} (${this.quotedColumns()}) VALUES ${tuples.join(", ")}`;
    try {
      await this.client.run(sql, params);
      if (this.target.keys !== undefined) await this.merge();
    } catch (error) {
      throw statementError(error, "Sink", this.options.password);
    }
    this.written += rows.length;
    for (const value of params) this.bytes += value === null ? 0 : value.length;
  }

  private async merge(): Promise<void> {
    const q = (name: string): string => this.client.quote(name);
    const keys = this.target.keys ?? [];
    const others = this.target.columns.filter((column) => !keys.includes(column));
    const match = keys.map((key) => `t.${q(key)} = s.${q(key)}`).join(" AND ");
    const set = others.map((column) => `${q(column)} = s.${q(column)}`);
    const table = this.target.table;
    if (others.length > 0) {
      await this.client.run(
        this.client.dialect === "postgres"
          ? `UPDATE ${table} AS t SET ${set.join(", ")} FROM ${stage} AS s WHERE ${match}`
          : `UPDATE ${table} AS t JOIN ${stage} AS s ON ${match} SET ${set.map((item) => `t.${item}`).join(", ")}`,
      );
    }
    const columns = this.quotedColumns();
    const fromStage = this.target.columns.map((column) => `s.${q(column)}`).join(", ");
    await this.client.run(
      `INSERT INTO ${table} (${columns}) SELECT ${fromStage} FROM ${stage} AS s WHERE NOT EXISTS (SELECT 1 FROM ${table} AS t WHERE ${match})`,
    );
    await this.client.run(`DELETE FROM ${stage}`);
  }

  private skip(row: Row, reason: string): void {
    this.skippedCount += 1;
    if (this.skipped.length >= this.options.maxLoggedRows) return;
    const record: Record<string, unknown> = {};
    this.target.columns.forEach((column, index) => {
      const value = row[index];
      record[column] = Buffer.isBuffer(value) ? value.toString("hex") : (value ?? null);
    });
    this.skipped.push({ file: "", row: JSON.stringify(record), reason });
  }

  private async exec(sql: string): Promise<void> {
    try {
      await this.client.run(sql);
    } catch (error) {
      throw statementError(error, "Sink", this.options.password);
    }
  }

  private quotedColumns(): string {
    return this.target.columns.map((column) => this.client.quote(column)).join(", ");
  }
}
