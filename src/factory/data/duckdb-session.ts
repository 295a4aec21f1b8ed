import { availableParallelism } from "node:os";
import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";

/** A row as DuckDB gives it to JavaScript (bigint, Date-like and nested values included). */
export type DuckRow = Readonly<Record<string, unknown>>;

/**
 * DuckDB's memory cap for one session. Left at its default (80% of the machine's memory),
 * DuckDB keeps buffers as long as memory is free, so a conversion's peak memory grew with the
 * file's size; a conversion streams, and needs about two 32 MB CSV buffers and a few Parquet
 * row groups a thread, so 128 MB a thread (256 MB at least) bounds it without slowing it.
 * Past the cap, DuckDB spills to `temp_directory`.
 */
export function sessionMemoryLimit(threads: number): string {
  return `${Math.max(256, 128 * threads)}MB`;
}

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
    const threads = availableParallelism();
    const instance = await DuckDBInstance.create(":memory:", {
      autoinstall_known_extensions: "false",
      autoload_known_extensions: "false",
      temp_directory: tempDirectory,
      threads: String(threads),
      memory_limit: sessionMemoryLimit(threads),
      // Background threads hand memory DuckDB's allocator freed back to the system (peak RSS
      // of a 1 GB conversion about 340-400 MB instead of 400-480, at no measurable cost).
      // Also lowering allocator_flush_threshold to 32 MB kept it at about 290 MB, but made
      // the conversion about 15% slower.
      allocator_background_threads: "true",
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
