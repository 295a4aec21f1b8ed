// Activity runs as bars in time. ForEach rows expand into their iterations, iterations into
// their activities, Execute Pipeline rows into the child run's chart; selecting a bar opens
// that activity's details.
import { Fragment } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { ActivityRun } from "../../../src/client/factory-model.js";
import { formatDuration, formatTime } from "../logic/format.js";
import { barPlacement, ganttRows, timeAxis, type GanttRow } from "../logic/gantt-layout.js";
import { statusClass } from "./status-badge.js";

/** A child run's activity runs and the ForEach around each of its pipeline's activities. */
export interface ChildRunData {
  readonly runs: readonly ActivityRun[];
  readonly containerOf: ReadonlyMap<string, string>;
}

export function GanttChart(props: {
  activities: readonly ActivityRun[];
  containerOf: ReadonlyMap<string, string>;
  selected: string | undefined;
  onSelect: (activityRunId: string) => void;
  /** Reads a child run's activity runs (Execute Pipeline rows expand when given). */
  loadChild?: (runId: string) => Promise<ChildRunData>;
}) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const now = Date.now();
  const rows = ganttRows(props.activities, props.containerOf, expanded, now);
  if (rows.length === 0) return <p class="empty">No activity has run yet.</p>;
  const axis = timeAxis(rows, now);
  const toggle = (key: string) => {
    const next = new Set(expanded);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setExpanded(next);
  };
  return (
    <div class="gantt" role="group" aria-label="Activity runs in time">
      <div class="gantt-axis" aria-hidden="true">
        <span>{formatTime(new Date(axis.from).toISOString())}</span>
        <span>{formatDuration(axis.to - axis.from)} total</span>
        <span>{formatTime(new Date(axis.to).toISOString())}</span>
      </div>
      <ul class="gantt-rows">
        {rows.map((row) => {
          const child =
            props.loadChild && row.kind === "activity" ? childRunOf(row.run) : undefined;
          return (
            <Fragment key={`${row.kind}-${row.key}`}>
              <GanttLine
                row={row}
                axis={axis}
                selected={row.kind === "activity" && row.key === props.selected}
                expandable={child !== undefined}
                onToggle={toggle}
                onSelect={props.onSelect}
              />
              {child !== undefined && props.loadChild && expanded.has(row.key) && (
                <li class="gantt-child" style={{ marginLeft: `${1 + row.depth * 1.1}rem` }}>
                  <ChildRun runId={child} load={props.loadChild} onSelect={props.onSelect} />
                </li>
              )}
            </Fragment>
          );
        })}
      </ul>
    </div>
  );
}

function GanttLine(props: {
  row: GanttRow;
  axis: { from: number; to: number };
  selected: boolean;
  /** Expandable besides ForEach and iteration rows (an Execute Pipeline with a child run). */
  expandable: boolean;
  onToggle: (key: string) => void;
  onSelect: (id: string) => void;
}) {
  const { row } = props;
  const place = barPlacement(props.axis, row.start, row.end);
  const status = row.kind === "activity" ? row.run.status : row.status;
  const name =
    row.kind === "activity"
      ? `${row.run.activityName}${row.run.retryAttempt ? ` (retry ${row.run.retryAttempt})` : ""}`
      : `Iteration ${row.index}`;
  const expandable = props.expandable || row.kind === "iteration" || row.iterations > 0;
  const summary = `${name}: ${status}, ${formatDuration(row.end - row.start)}`;
  return (
    <li class={`gantt-row${props.selected ? " selected" : ""}`} data-gantt-row={name}>
      <div class="gantt-label" style={{ paddingLeft: `${0.25 + row.depth * 1.1}rem` }}>
        {expandable ? (
          <button
            type="button"
            class="toggle"
            aria-expanded={row.expanded}
            aria-label={`${row.expanded ? "Collapse" : "Expand"} ${name}`}
            onClick={() => props.onToggle(row.key)}
          >
            {row.expanded ? "▾" : "▸"}
          </button>
        ) : (
          <span class="toggle-space" />
        )}
        {row.kind === "activity" ? (
          <button
            type="button"
            class="link"
            aria-pressed={props.selected}
            onClick={() => props.onSelect(row.key)}
          >
            {name}
          </button>
        ) : (
          <span>
            {name}{" "}
            <span class="muted">
              ({row.activities} {row.activities === 1 ? "activity" : "activities"})
            </span>
          </span>
        )}
      </div>
      <div class="gantt-track">
        <span
          class={`gantt-bar ${statusClass(status)}`}
          style={{ left: `${place.left}%`, width: `${place.width}%` }}
          title={summary}
          role="img"
          aria-label={summary}
        />
      </div>
    </li>
  );
}

/** The run an Execute Pipeline activity started, from its output. */
function childRunOf(run: ActivityRun): string | undefined {
  if (run.activityType !== "ExecutePipeline") return undefined;
  const id = (run.output as { pipelineRunId?: unknown } | null)?.pipelineRunId;
  return typeof id === "string" && id !== "" ? id : undefined;
}

/** A child run's activities, read once when expanded (its own chart and time axis). */
function ChildRun(props: {
  runId: string;
  load: (runId: string) => Promise<ChildRunData>;
  onSelect: (id: string) => void;
}) {
  const [state, setState] = useState<{ data?: ChildRunData; error?: string }>({});
  const { load, runId } = props;
  useEffect(() => {
    let current = true;
    load(runId).then(
      (data) => current && setState({ data }),
      (error: Error) => current && setState({ error: error.message }),
    );
    return () => {
      current = false;
    };
  }, [load, runId]);
  if (state.error !== undefined) return <p class="error">{state.error}</p>;
  if (state.data === undefined) return <p class="muted">Loading the child run…</p>;
  return (
    <GanttChart
      activities={state.data.runs}
      containerOf={state.data.containerOf}
      selected={undefined}
      onSelect={props.onSelect}
      loadChild={props.load}
    />
  );
}
