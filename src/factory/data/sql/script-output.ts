import type { JsonObject } from "../../../core/index.js";
import type { SqlResult } from "./sql-client.js";
import { jsonRows } from "./sql-json.js";

/** ADF's Script output limits: 5,000 rows and about 4 MB in all. */
export const scriptMaxRows = 5000;
export const scriptMaxBytes = 4 * 1024 * 1024;

/**
 * Collects the Script activity's output across its script blocks, as ADF merges them:
 * `resultSetCount` and `resultSets` (`{rowCount, rows}`) for statements that return rows,
 * `recordsAffected` summed over the NonQuery blocks, and `outputTruncated` once the rows pass
 * the limits (later rows are dropped; `rowCount` still counts them).
 */
export class ScriptOutput {
  private readonly sets: { rowCount: number; rows: JsonObject[] }[] = [];
  private affected: number | undefined;
  private rowsKept = 0;
  private bytes = 0;
  private truncated = false;

  /** Adds the results of one script block of `type` Query or NonQuery. */
  add(results: readonly SqlResult[], type: "Query" | "NonQuery"): void {
    for (const result of results) {
      if (type === "NonQuery") this.affected = (this.affected ?? 0) + result.affected;
      if (!result.returnsRows) continue;
      const rows: JsonObject[] = [];
      for (const row of jsonRows(result)) {
        const size = Buffer.byteLength(JSON.stringify(row), "utf8");
        if (this.rowsKept >= scriptMaxRows || this.bytes + size > scriptMaxBytes) {
          this.truncated = true;
          break;
        }
        rows.push(row);
        this.rowsKept += 1;
        this.bytes += size;
      }
      this.sets.push({ rowCount: result.rows.length, rows });
    }
    if (type === "NonQuery" && this.affected === undefined) this.affected = 0;
  }

  toJson(): JsonObject {
    return {
      resultSetCount: this.sets.length,
      resultSets: this.sets,
      ...(this.affected === undefined ? {} : { recordsAffected: this.affected }),
      ...(this.truncated ? { outputTruncated: true } : {}),
    };
  }
}
