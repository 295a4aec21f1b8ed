import {
  isSluiceError,
  type Clock,
  type JsonObject,
  type JsonValue,
  type RandomSource,
} from "../../core/index.js";
import {
  createActivityRunStore,
  createPipelineRunStore,
  type ActivityRunPatch,
  type ActivityRunRecord,
  type ActivityRunStore,
  type Database,
  type NewActivityRun,
  type PipelineRunPatch,
  type PipelineRunRecord,
  type PipelineRunStore,
} from "../../store/index.js";
import { GroupCommit } from "./group-commit.js";

/**
 * The engine's writes for one server: activity runs and pipeline runs, and the atomic pair a
 * variable activity needs (the run's variables with the activity's final row, so a crash
 * never applies an Append Variable twice or loses one). Activity writes go through a
 * {@link GroupCommit}: each resolves once durable, but writes ending together share a commit.
 */
export class RunRecorder {
  readonly runs: PipelineRunStore;
  readonly activities: ActivityRunStore;
  private readonly group: GroupCommit;

  constructor(database: Database, deps: { readonly clock: Clock; readonly random: RandomSource }) {
    this.runs = createPipelineRunStore(database, deps);
    this.activities = createActivityRunStore(database, deps);
    this.group = new GroupCommit(database, deps);
  }

  /** Adds one activity run. */
  async create(pipelineRunId: string, row: NewActivityRun): Promise<ActivityRunRecord> {
    const [created] = await this.createMany(pipelineRunId, [row]);
    if (created === undefined) throw new Error("createMany returned no row");
    return created;
  }

  /** Adds activity runs of one pipeline run, all or none. */
  createMany(pipelineRunId: string, rows: readonly NewActivityRun[]): Promise<ActivityRunRecord[]> {
    return this.group.addRows(pipelineRunId, rows);
  }

  update(activityRunId: string, patch: ActivityRunPatch): Promise<ActivityRunRecord> {
    return this.group.submit((stores) => stores.activities.update(activityRunId, patch));
  }

  /**
   * Sets the `output` of an activity run that is still InProgress (how far it has come);
   * false, writing nothing, once the run has ended, so progress never hides a final output.
   */
  showProgress(activityRunId: string, output: JsonValue): Promise<boolean> {
    return this.group.submit(async (stores) => {
      try {
        await stores.activities.update(activityRunId, { output }, { ifStatus: ["InProgress"] });
        return true;
      } catch (error) {
        // A conditional UPDATE that matched no row: nothing failed in the transaction.
        if (isSluiceError(error) && error.code === "StoreConflict") return false;
        throw error;
      }
    });
  }

  /**
   * Adds the activity's final row and writes the run's variables (and return value) in one
   * transaction.
   */
  async finishWithVariables(
    pipelineRunId: string,
    row: NewActivityRun,
    run: { readonly variables: JsonObject; readonly returnValue?: JsonValue | null },
  ): Promise<void> {
    const patch: PipelineRunPatch = {
      variables: run.variables,
      ...(run.returnValue === undefined ? {} : { returnValue: run.returnValue }),
    };
    await this.group.submit(async (stores) => {
      await stores.runs.update(pipelineRunId, patch);
      await stores.activities.createMany(pipelineRunId, [row]);
    });
  }

  /** Every activity run of the pipeline run, a page at a time. */
  async allActivityRuns(pipelineRunId: string): Promise<ActivityRunRecord[]> {
    const rows: ActivityRunRecord[] = [];
    let token: string | undefined;
    do {
      const page = await this.activities.query(pipelineRunId, {
        ...(token === undefined ? {} : { continuationToken: token }),
      });
      rows.push(...page.items);
      token = page.continuationToken;
    } while (token !== undefined);
    return rows;
  }

  getRun(runId: string): Promise<PipelineRunRecord> {
    return this.runs.get(runId);
  }
}
