import type { JsonValue } from "../core/index.js";
import type { ActivityRunRecord, PipelineRunRecord } from "../store/index.js";

/** One activity run as a test sees it. */
export interface TestActivityRun {
  readonly activityName: string;
  readonly activityType: string;
  readonly status: string;
  readonly input: JsonValue;
  readonly output: JsonValue | null;
  readonly error: ActivityRunRecord["error"];
  /** null for the first attempt, then 1, 2... */
  readonly retryAttempt: number | null;
  /** Where it ran: `""` at the top, `ForEach1[3]`, `If1.true`... */
  readonly scopePath: string;
  /** The innermost ForEach iteration, or null. */
  readonly iterationIndex: number | null;
}

/** A finished pipeline run, for assertions. */
export class TestRun {
  /** Activity runs in the order they started. */
  readonly activityRuns: readonly TestActivityRun[];

  constructor(
    readonly record: PipelineRunRecord,
    rows: readonly ActivityRunRecord[],
    /** Runs this run started through Execute Pipeline, by child run id. */
    readonly children: ReadonlyMap<string, TestRun>,
  ) {
    this.activityRuns = rows.map((row) => ({
      activityName: row.activityName,
      activityType: row.activityType,
      status: row.status,
      input: row.input,
      output: row.output,
      error: row.error,
      retryAttempt: row.retryAttempt,
      scopePath: row.scopePath,
      iterationIndex: row.iterationIndex,
    }));
  }

  get runId(): string {
    return this.record.runId;
  }

  /** `Succeeded`, `Failed` or `Cancelled`. */
  get status(): string {
    return this.record.status;
  }

  /** The run's error message (`Operation on target X failed: ...`), or "". */
  get message(): string {
    return this.record.message;
  }

  get variables(): Readonly<Record<string, JsonValue>> {
    return this.record.variables;
  }

  /** The pipeline return value, or null. */
  get returnValue(): JsonValue | null {
    return this.record.returnValue;
  }

  /** Every run of the named activity (each retry, each ForEach iteration), in start order. */
  activities(name: string): TestActivityRun[] {
    return this.activityRuns.filter((run) => run.activityName.toLowerCase() === name.toLowerCase());
  }

  /**
   * The named activity's last run (the last attempt; with `iteration`, in that ForEach
   * iteration). Throws naming the activities that ran when there is none.
   */
  activity(name: string, options: { readonly iteration?: number } = {}): TestActivityRun {
    const runs = this.activities(name).filter(
      (run) => options.iteration === undefined || run.iterationIndex === options.iteration,
    );
    const last = runs.at(-1);
    if (last) return last;
    const ran = [...new Set(this.activityRuns.map((run) => run.activityName))].join(", ");
    const where = options.iteration === undefined ? "" : ` in iteration ${options.iteration}`;
    throw new Error(
      `Activity '${name}' did not run${where}; activities that ran: ${ran || "(none)"}.`,
    );
  }
}
