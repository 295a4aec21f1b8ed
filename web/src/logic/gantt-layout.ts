// The Gantt view's rows: a run's activity runs in time, ForEach iterations grouped under
// their ForEach (by `iterationHash`), collapsed until the user expands them. Pure.
import type { ActivityRun } from "../../../src/client/factory-model.js";

/** One row of the chart. */
export type GanttRow = ActivityRow | IterationRow;

export interface ActivityRow {
  readonly kind: "activity";
  /** The activity run id: the key of its expanded state when it has iterations. */
  readonly key: string;
  readonly depth: number;
  readonly run: ActivityRun;
  readonly start: number;
  readonly end: number;
  /** How many iteration groups sit under it (ForEach only). */
  readonly iterations: number;
  readonly expanded: boolean;
}

export interface IterationRow {
  readonly kind: "iteration";
  /** The iteration hash. */
  readonly key: string;
  readonly depth: number;
  /** 1-based, in order of start under its ForEach. */
  readonly index: number;
  readonly status: string;
  readonly start: number;
  readonly end: number;
  readonly activities: number;
  readonly expanded: boolean;
}

/** The chart's time axis. */
export interface TimeAxis {
  readonly from: number;
  readonly to: number;
}

interface Group {
  readonly hash: string;
  readonly runs: ActivityRun[];
  readonly start: number;
  readonly end: number;
}

const startOf = (run: ActivityRun) => Date.parse(run.activityRunStart);
const endOf = (run: ActivityRun, now: number) =>
  run.activityRunEnd === null ? now : Date.parse(run.activityRunEnd);

/**
 * Lays out `runs`. `containerOf` maps an activity name to the ForEach that directly encloses
 * it (from the pipeline's definition; activity names are unique in a pipeline, as ADF
 * requires). An iteration group belongs to the run of that ForEach whose time span holds the
 * group's start; a group with no such run is listed at the top level.
 */
export function ganttRows(
  runs: readonly ActivityRun[],
  containerOf: ReadonlyMap<string, string>,
  expanded: ReadonlySet<string>,
  now: number,
): GanttRow[] {
  const groups = groupsOf(runs, now);
  const forEachRuns = runs.filter((run) => run.activityType === "ForEach");
  const childrenOf = new Map<string, Group[]>();
  const orphans: Group[] = [];
  for (const group of groups) {
    const owner = ownerOf(group, forEachRuns, containerOf, now);
    if (owner === undefined) orphans.push(group);
    else childrenOf.set(owner, [...(childrenOf.get(owner) ?? []), group]);
  }
  const rows: GanttRow[] = [];
  const addRuns = (list: readonly ActivityRun[], depth: number) => {
    for (const run of sortByStart(list)) {
      const children = childrenOf.get(run.activityRunId) ?? [];
      const open = expanded.has(run.activityRunId);
      rows.push({
        kind: "activity",
        key: run.activityRunId,
        depth,
        run,
        start: startOf(run),
        end: endOf(run, now),
        iterations: children.length,
        expanded: open,
      });
      if (open) addGroups(children, depth + 1);
    }
  };
  const addGroups = (list: readonly Group[], depth: number) => {
    list.forEach((group, index) => {
      const open = expanded.has(group.hash);
      rows.push({
        kind: "iteration",
        key: group.hash,
        depth,
        index: index + 1,
        status: groupStatus(group.runs),
        start: group.start,
        end: group.end,
        activities: group.runs.length,
        expanded: open,
      });
      if (open) addRuns(group.runs, depth + 1);
    });
  };
  addRuns(
    runs.filter((run) => !run.iterationHash),
    0,
  );
  addGroups(orphans, 0);
  return rows;
}

function sortByStart(list: readonly ActivityRun[]): ActivityRun[] {
  return [...list].sort((a, b) => startOf(a) - startOf(b));
}

/** Iteration groups, in order of start. */
function groupsOf(runs: readonly ActivityRun[], now: number): Group[] {
  const byHash = new Map<string, ActivityRun[]>();
  for (const run of runs) {
    if (!run.iterationHash) continue;
    byHash.set(run.iterationHash, [...(byHash.get(run.iterationHash) ?? []), run]);
  }
  return [...byHash.entries()]
    .map(([hash, list]) => ({
      hash,
      runs: list,
      start: Math.min(...list.map(startOf)),
      end: Math.max(...list.map((run) => endOf(run, now))),
    }))
    .sort((a, b) => a.start - b.start);
}

function ownerOf(
  group: Group,
  forEachRuns: readonly ActivityRun[],
  containerOf: ReadonlyMap<string, string>,
  now: number,
): string | undefined {
  const name = group.runs.map((run) => containerOf.get(run.activityName)).find(Boolean);
  if (name === undefined) return undefined;
  const holding = forEachRuns.filter(
    (run) =>
      run.activityName === name &&
      run.iterationHash !== group.hash &&
      startOf(run) <= group.start &&
      group.start <= endOf(run, now),
  );
  // Nested ForEach runs of one name overlap only when iterations run in parallel: the
  // latest one to start before the group is the closest fit.
  return holding.sort((a, b) => startOf(b) - startOf(a))[0]?.activityRunId;
}

/** An iteration's status from its activities': failures first, then work still going. */
export function groupStatus(runs: readonly ActivityRun[]): string {
  const has = (status: string) => runs.some((run) => run.status === status);
  if (has("Failed")) return "Failed";
  if (has("InProgress")) return "InProgress";
  if (has("Queued")) return "Queued";
  if (has("Cancelled")) return "Cancelled";
  if (runs.length > 0 && runs.every((run) => run.status === "Skipped")) return "Skipped";
  return "Succeeded";
}

/** The axis spanning every row (at least one second, so instant runs still show). */
export function timeAxis(rows: readonly GanttRow[], now: number): TimeAxis {
  if (rows.length === 0) return { from: now - 1000, to: now };
  const from = Math.min(...rows.map((row) => row.start));
  const to = Math.max(...rows.map((row) => row.end));
  return { from, to: Math.max(to, from + 1000) };
}

/** A bar's left edge and width in percent of the axis; at least 0.5% wide to stay visible. */
export function barPlacement(axis: TimeAxis, start: number, end: number) {
  const span = axis.to - axis.from;
  const left = ((start - axis.from) / span) * 100;
  const width = Math.max(0.5, ((Math.max(end, start) - start) / span) * 100);
  return { left: Math.min(left, 99.5), width: Math.min(width, 100 - Math.min(left, 99.5)) };
}

/**
 * Which ForEach directly encloses each activity of a pipeline definition (nested containers
 * that are not ForEach, such as If or Until, pass their ForEach on).
 */
export function forEachContainers(activities: unknown): Map<string, string> {
  const result = new Map<string, string>();
  const visit = (list: unknown, container: string | undefined) => {
    if (!Array.isArray(list)) return;
    for (const item of list as { name?: unknown; type?: unknown; typeProperties?: unknown }[]) {
      if (typeof item?.name !== "string") continue;
      if (container !== undefined) result.set(item.name, container);
      const inner = item.type === "ForEach" ? item.name : container;
      for (const child of childActivityLists(item.typeProperties)) visit(child, inner);
    }
  };
  visit(activities, undefined);
  return result;
}

/** The activity lists inside a container's typeProperties (ForEach, Until, If, Switch). */
export function childActivityLists(typeProperties: unknown): unknown[] {
  if (typeof typeProperties !== "object" || typeProperties === null) return [];
  const props = typeProperties as Record<string, unknown>;
  const lists: unknown[] = [props.activities, props.ifTrueActivities, props.ifFalseActivities];
  lists.push(props.defaultActivities);
  if (Array.isArray(props.cases)) {
    for (const item of props.cases as { activities?: unknown }[]) lists.push(item?.activities);
  }
  return lists.filter(Array.isArray);
}
