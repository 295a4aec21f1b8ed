// One pipeline run: its facts, cancel and reruns, and its activities as a table, a Gantt
// chart and the pipeline's graph; live while the run is going.
import { useCallback, useMemo, useState } from "preact/hooks";
import type { ActivityRun, PipelineRun } from "../../../src/client/factory-model.js";
import { factoryApi, type FactoryApi } from "../api/factory-api.js";
import type { Http } from "../api/http.js";
import { ActivityDetails } from "../components/activity-details.js";
import { ActivityGraph } from "../components/activity-graph.js";
import { ActivityTable } from "../components/activity-table.js";
import { GanttChart, type ChildRunData } from "../components/gantt-chart.js";
import { JsonView } from "../components/json-view.js";
import { ErrorNotice, Loading } from "../components/notice.js";
import { StatusBadge } from "../components/status-badge.js";
import { Tabs } from "../components/tabs.js";
import { elapsedMs, formatDuration, formatTime } from "../logic/format.js";
import { forEachContainers } from "../logic/gantt-layout.js";
import { latestStatuses } from "../logic/graph-layout.js";
import { pathOf } from "../logic/routes.js";
import { Link, navigate } from "../router.js";
import { useAction } from "../use-action.js";
import { usePoll } from "../use-poll.js";

const finished = ["Succeeded", "Failed", "Cancelled"];
const refreshMs = 2000;
const views = [
  { id: "gantt", label: "Gantt" },
  { id: "table", label: "Activity runs" },
  { id: "graph", label: "Graph" },
];

export function RunPage({ http, factory, runId }: { http: Http; factory: string; runId: string }) {
  const api = useMemo(() => factoryApi(http, factory), [http, factory]);
  const [done, setDone] = useState(false);
  const run = usePoll(
    async () => {
      const value = await api.getRun(runId);
      if (finished.includes(value.status)) setDone(true);
      return value;
    },
    [api, runId],
    done ? null : refreshMs,
  );
  // One last read of the activities after the run ends, then no more polling.
  const activities = usePoll(
    () => api.activityRuns(runId),
    [api, runId, done],
    done ? null : refreshMs,
  );
  const pipelineName = run.data?.pipelineName;
  const pipeline = usePoll(
    () => (pipelineName === undefined ? Promise.resolve(undefined) : api.getPipeline(pipelineName)),
    [api, pipelineName],
    null,
  );
  const [view, setView] = useState("gantt");
  const [selected, setSelected] = useState<string | undefined>();
  const list = activities.data ?? [];
  const containerOf = useMemo(
    () => forEachContainers(pipeline.data?.properties.activities),
    [pipeline.data],
  );
  const selectByName = (name: string) => {
    const latest = [...list].reverse().find((activity) => activity.activityName === name);
    if (latest !== undefined) setSelected(latest.activityRunId);
  };
  // Child runs' activities, read when their Execute Pipeline row is expanded in the chart.
  const [childActivities, setChildActivities] = useState<readonly ActivityRun[]>([]);
  const loadChild = useCallback(
    async (childRunId: string): Promise<ChildRunData> => {
      const [runs, child] = await Promise.all([
        api.activityRuns(childRunId),
        api.getRun(childRunId),
      ]);
      const definition = await api.getPipeline(child.pipelineName);
      setChildActivities((old) => [
        ...old.filter((activity) => activity.pipelineRunId !== childRunId),
        ...runs,
      ]);
      return { runs, containerOf: forEachContainers(definition.properties.activities) };
    },
    [api],
  );
  const chosen = [...list, ...childActivities].find(
    (activity) => activity.activityRunId === selected,
  );

  if (run.data === undefined) {
    return (
      <>
        <h1>Pipeline run</h1>
        <ErrorNotice error={run.error} />
        {run.error === undefined && <Loading what="the run" />}
      </>
    );
  }
  return (
    <>
      <p class="crumbs">
        <Link href={pathOf({ page: "runs", factory })}>Pipeline runs</Link> /{" "}
        {run.data.pipelineName}
      </p>
      <h1>
        {run.data.pipelineName} <StatusBadge status={run.data.status} />
      </h1>
      <RunFacts run={run.data} />
      <RunActions
        api={api}
        factory={factory}
        run={run.data}
        activityNames={topLevelNames(pipeline.data?.properties.activities)}
        onChanged={run.refresh}
      />
      <ErrorNotice error={activities.error} />
      <Tabs label="Run views" tabs={views} selected={view} onSelect={setView}>
        {view === "gantt" && (
          <GanttChart
            activities={list}
            containerOf={containerOf}
            selected={selected}
            onSelect={setSelected}
            loadChild={loadChild}
          />
        )}
        {view === "table" && (
          <ActivityTable activities={list} selected={selected} onSelect={setSelected} />
        )}
        {view === "graph" && (
          <ActivityGraph
            pipeline={pipeline.data}
            statuses={latestStatuses(list)}
            onSelect={selectByName}
          />
        )}
      </Tabs>
      {chosen !== undefined && (
        <ActivityDetails
          factory={factory}
          activity={chosen}
          onClose={() => setSelected(undefined)}
        />
      )}
    </>
  );
}

function RunFacts({ run }: { run: PipelineRun }) {
  return (
    <>
      <dl class="facts">
        <dt>Run ID</dt>
        <dd class="mono" data-testid="run-id">
          {run.runId}
        </dd>
        <dt>Started</dt>
        <dd>{formatTime(run.runStart)}</dd>
        <dt>Ended</dt>
        <dd>{formatTime(run.runEnd)}</dd>
        <dt>Duration</dt>
        <dd>{formatDuration(elapsedMs(run.runStart, run.runEnd, run.durationInMs, Date.now()))}</dd>
        <dt>Triggered by</dt>
        <dd>
          {run.invokedBy.name} ({run.invokedBy.invokedByType})
        </dd>
        {run.runGroupId !== run.runId && (
          <>
            <dt>Rerun of</dt>
            <dd class="mono">{run.runGroupId}</dd>
          </>
        )}
      </dl>
      {run.message !== "" && (
        <p class="error" data-testid="run-message">
          {run.message}
        </p>
      )}
      <JsonView label="Parameters" value={run.parameters} />
    </>
  );
}

function RunActions(props: {
  api: FactoryApi;
  factory: string;
  run: PipelineRun;
  activityNames: readonly string[];
  onChanged: () => void;
}) {
  const { api, run } = props;
  const { busy, error, act } = useAction();
  const [notice, setNotice] = useState<string | undefined>();
  const [fromActivity, setFromActivity] = useState("");
  const rerun = (options: { startFromFailure?: boolean; startActivityName?: string }) =>
    act(async () => {
      const created = await api.createRun(run.pipelineName, {
        referencePipelineRunId: run.runId,
        isRecovery: true,
        ...options,
      });
      navigate(pathOf({ page: "run", factory: props.factory, runId: created.runId }));
    });
  const running = !finished.includes(run.status);
  return (
    <section class="actions" aria-label="Run actions">
      <button
        type="button"
        class="danger"
        disabled={busy || !running || run.status === "Canceling"}
        onClick={() =>
          act(async () => {
            await api.cancelRun(run.runId);
            setNotice("Cancel requested.");
            props.onChanged();
          })
        }
      >
        Cancel run
      </button>
      <button type="button" disabled={busy || running} onClick={() => rerun({})}>
        Rerun
      </button>
      <button
        type="button"
        disabled={busy || run.status !== "Failed"}
        onClick={() => rerun({ startFromFailure: true })}
      >
        Rerun from failure
      </button>
      <form
        class="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (fromActivity !== "") void rerun({ startActivityName: fromActivity });
        }}
      >
        <label for="rerun-from">Rerun from activity</label>
        <select
          id="rerun-from"
          value={fromActivity}
          onChange={(event) => setFromActivity((event.target as HTMLSelectElement).value)}
        >
          <option value="">Choose…</option>
          {props.activityNames.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <button type="submit" disabled={busy || running || fromActivity === ""}>
          Rerun from here
        </button>
      </form>
      {notice !== undefined && (
        <p role="status" class="muted">
          {notice}
        </p>
      )}
      <ErrorNotice error={error} />
    </section>
  );
}

function topLevelNames(activities: unknown): string[] {
  if (!Array.isArray(activities)) return [];
  return activities.flatMap((item: unknown) => {
    const name = (item as { name?: unknown })?.name;
    return typeof name === "string" ? [name] : [];
  });
}
