import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";

/** A row as DuckDB gives it to JavaScript (bigint, Date-like and nested values included). */
export type DuckRow = Readonly<Record<string, unknown>>;

/**
 * One in-memory DuckDB for one activity attempt: CSV, JSON and Parquet reading and writing
 * (the json and parquet extensions are built into the package, so nothing is downloaded:
 * extension auto-install and auto-load are off). `signal` interrupts the running statement.
 */
export class DuckSession {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly detach: () => void,
  ) {}

  /** Opens a session whose spill files go to `tempDirectory`. */
  static async open(tempDirectory: string, signal: AbortSignal): Promise<DuckSession> {
    // Loaded at the first copy, not when the server starts (it costs about half a second).
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const instance = await DuckDBInstance.create(":memory:", {
      autoinstall_known_extensions: "false",
      autoload_known_extensions: "false",
      temp_directory: tempDirectory,
    });
    const connection = await instance.connect();
    const interrupt = (): void => connection.interrupt();
    signal.addEventListener("abort", interrupt, { once: true });
    return new DuckSession(instance, connection, () =>
      signal.removeEventListener("abort", interrupt),
    );
  }

  /** Runs a statement; resolves with the rows it changed (a COPY's row count). */
  async run(sql: string): Promise<number> {
    const result = await this.connection.run(sql);
    return Number(result.rowsChanged);
  }

  /** Runs a query and reads every row (for small results only: schemas, lookups, logs). */
  async rows(sql: string): Promise<DuckRow[]> {
    const reader = await this.connection.runAndReadAll(sql);
    return reader.getRowObjectsJS() as DuckRow[];
  }

  /**
   * Runs a query and yields its rows a chunk (about 2,048 rows) at a time, as arrays in
   * column order: for results of any size, such as rows bound for a SQL table.
   */
  async *chunks(sql: string): AsyncIterable<unknown[][]> {
    const result = await this.connection.stream(sql);
    for await (const rows of result.yieldRowsJs()) yield rows as unknown[][];
  }

  /** Closes the connection and the database. */
  close(): void {
    this.detach();
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
