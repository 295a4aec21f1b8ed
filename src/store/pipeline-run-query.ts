import type { Selectable } from "kysely";
import type { PipelineRunOperand, PipelineRunOrderField } from "./pipeline-run-store.js";
import { pipelineRunStatuses } from "./pipeline-run-store.js";
import type { RunQuerySpec } from "./run-query.js";
import type { PipelineRunsTable } from "./schema.js";

type Row = Selectable<PipelineRunsTable>;

/** Runs without an end sort after every ended run in ascending RunEnd order. */
export const noEndYet = 8_640_000_000_000_000;

/**
 * What `queryPipelineRuns` filters and orders by. Default order: RunStart descending (the
 * newest first, as ADF's monitoring lists them), then creation order.
 */
export const pipelineRunQuerySpec: RunQuerySpec<PipelineRunOperand, PipelineRunOrderField, Row> = {
  name: "queryPipelineRuns",
  operands: {
    PipelineName: { column: "pipeline_key", kind: "key" },
    Status: { column: "status", kind: "enum", allowed: pipelineRunStatuses },
    RunStart: { column: "run_start", kind: "time" },
    RunEnd: { column: "run_end", kind: "time", nullable: true },
    RunGroupId: { column: "run_group_id", kind: "key" },
    TriggerName: { column: "trigger_key", kind: "key", nullable: true },
    LatestOnly: { column: "is_latest", kind: "latestOnly" },
  },
  orderFields: {
    RunStart: { column: "run_start", valueOf: (row) => row.run_start },
    RunEnd: { column: "run_end", nullsAs: noEndYet, valueOf: (row) => row.run_end ?? noEndYet },
    PipelineName: { column: "pipeline_key", valueOf: (row) => row.pipeline_key },
    Status: { column: "status", valueOf: (row) => row.status },
  },
  defaultOrder: [{ orderBy: "RunStart", order: "DESC" }],
  tieBreaker: { column: "pk", valueOf: (row) => row.pk },
  lastUpdatedColumn: "last_updated",
};
