import type { Selectable } from "kysely";
import {
  activityRunStatuses,
  type ActivityRunOperand,
  type ActivityRunOrderField,
} from "./activity-run-store.js";
import { noEndYet } from "./pipeline-run-query.js";
import type { RunQuerySpec } from "./run-query.js";
import type { ActivityRunsTable } from "./schema.js";

type Row = Selectable<ActivityRunsTable>;

/**
 * What `queryActivityRuns` filters and orders by. Default order: ActivityRunStart
 * ascending (the order they ran), then creation order; each is one range of an index on
 * (pipeline run, start, pk).
 */
export const activityRunQuerySpec: RunQuerySpec<ActivityRunOperand, ActivityRunOrderField, Row> = {
  name: "queryActivityRuns",
  operands: {
    ActivityName: { column: "activity_name_key", kind: "key" },
    ActivityType: { column: "activity_type", kind: "caseless" },
    Status: { column: "status", kind: "enum", allowed: activityRunStatuses },
    ActivityRunStart: { column: "activity_run_start", kind: "time" },
    ActivityRunEnd: { column: "activity_run_end", kind: "time", nullable: true },
  },
  orderFields: {
    ActivityRunStart: { column: "activity_run_start", valueOf: (row) => row.activity_run_start },
    ActivityRunEnd: {
      column: "activity_run_end",
      nullsAs: noEndYet,
      valueOf: (row) => row.activity_run_end ?? noEndYet,
    },
    ActivityName: { column: "activity_name_key", valueOf: (row) => row.activity_name_key },
    Status: { column: "status", valueOf: (row) => row.status },
  },
  defaultOrder: [{ orderBy: "ActivityRunStart", order: "ASC" }],
  tieBreaker: { column: "pk", valueOf: (row) => row.pk },
  lastUpdatedColumn: "last_updated",
};
