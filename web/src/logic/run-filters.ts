// The run list's filters as ADF's RunFilterParameters body of queryPipelineRuns.
import type { RunFilterParameters, RunQueryFilter } from "../../../src/client/factory-model.js";

/** Time windows the list offers, by how far back a run's last update may be. */
export const timeRanges = {
  "1h": { label: "Last hour", ms: 3_600_000 },
  "24h": { label: "Last 24 hours", ms: 86_400_000 },
  "7d": { label: "Last 7 days", ms: 7 * 86_400_000 },
  "30d": { label: "Last 30 days", ms: 30 * 86_400_000 },
  all: { label: "All time", ms: undefined },
} as const;

export type TimeRange = keyof typeof timeRanges;

/** What the user chose: "" means any status or pipeline. */
export interface RunFilterState {
  readonly status: string;
  readonly pipeline: string;
  readonly range: TimeRange;
}

export const defaultRunFilters: RunFilterState = { status: "", pipeline: "", range: "24h" };

/**
 * The query body: runs updated within the range (open-ended, so live runs keep showing),
 * newest first, the status and pipeline as Equals filters.
 */
export function runQueryBody(
  filters: RunFilterState,
  now: number,
  continuationToken?: string,
): RunFilterParameters {
  const query: RunQueryFilter[] = [];
  if (filters.status !== "") {
    query.push({ operand: "Status", operator: "Equals", values: [filters.status] });
  }
  if (filters.pipeline.trim() !== "") {
    query.push({ operand: "PipelineName", operator: "Equals", values: [filters.pipeline.trim()] });
  }
  const back = timeRanges[filters.range].ms;
  return {
    ...(back === undefined ? {} : { lastUpdatedAfter: new Date(now - back).toISOString() }),
    filters: query,
    orderBy: [{ orderBy: "RunStart", order: "DESC" }],
    ...(continuationToken === undefined ? {} : { continuationToken }),
  };
}

/** Reads filters from a URL query (so a filtered list can be bookmarked); unknown values drop. */
export function filtersFromQuery(search: string): RunFilterState {
  const params = new URLSearchParams(search);
  const range = params.get("range") ?? defaultRunFilters.range;
  return {
    status: params.get("status") ?? "",
    pipeline: params.get("pipeline") ?? "",
    range: Object.hasOwn(timeRanges, range) ? (range as TimeRange) : defaultRunFilters.range,
  };
}

/** The URL query of `filters`, leaving out defaults. */
export function filtersToQuery(filters: RunFilterState): string {
  const params = new URLSearchParams();
  if (filters.status !== "") params.set("status", filters.status);
  if (filters.pipeline !== "") params.set("pipeline", filters.pipeline);
  if (filters.range !== defaultRunFilters.range) params.set("range", filters.range);
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}
