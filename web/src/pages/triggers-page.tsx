// A factory's triggers with their state, next fire time, start / stop, and recent trigger runs.
import { useMemo, useState } from "preact/hooks";
import type { FactoryResource } from "../../../src/client/factory-model.js";
import { factoryApi, type FactoryApi, type TriggerRun } from "../api/factory-api.js";
import type { Http } from "../api/http.js";
import { ErrorNotice, Loading } from "../components/notice.js";
import { StatusBadge } from "../components/status-badge.js";
import { formatTime } from "../logic/format.js";
import { pathOf } from "../logic/routes.js";
import { Link } from "../router.js";
import { usePoll } from "../use-poll.js";

const refreshMs = 5000;

export function TriggersPage({ http, factory }: { http: Http; factory: string }) {
  const api = useMemo(() => factoryApi(http, factory), [http, factory]);
  const triggers = usePoll(
    async () => {
      const list = await api.listTriggers();
      // Next fire times are Sluice's own path; a trigger type without them shows a dash.
      const fires = await Promise.all(
        list.map((trigger) =>
          api.nextFires(trigger.name, 1).then(
            (body) => body.value[0],
            () => undefined,
          ),
        ),
      );
      return list.map((trigger, index) => ({ trigger, nextFire: fires[index] }));
    },
    [api],
    refreshMs,
  );
  const runs = usePoll(
    () => api.triggerRuns({ orderBy: [{ orderBy: "TriggerRunTimestamp", order: "DESC" }] }),
    [api],
    refreshMs,
  );
  return (
    <>
      <h1>Triggers</h1>
      <p class="muted">Factory {factory}</p>
      <ErrorNotice error={triggers.error} />
      {triggers.data === undefined && triggers.loading && <Loading what="triggers" />}
      {triggers.data?.length === 0 && <p class="empty">This factory has no triggers.</p>}
      {triggers.data !== undefined && triggers.data.length > 0 && (
        <div class="table-wrap">
          <table aria-label="Triggers">
            <thead>
              <tr>
                <th scope="col">Trigger</th>
                <th scope="col">Type</th>
                <th scope="col">State</th>
                <th scope="col">Pipelines</th>
                <th scope="col">Next fire</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {triggers.data.map(({ trigger, nextFire }) => (
                <TriggerRow
                  key={trigger.name}
                  api={api}
                  trigger={trigger}
                  nextFire={nextFire}
                  onChanged={triggers.refresh}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>Recent trigger runs</h2>
      <ErrorNotice error={runs.error} />
      <TriggerRuns factory={factory} runs={runs.data?.value.slice(0, 50) ?? []} />
    </>
  );
}

function TriggerRuns({ factory, runs }: { factory: string; runs: readonly TriggerRun[] }) {
  if (runs.length === 0) return <p class="empty">No trigger runs yet.</p>;
  return (
    <div class="table-wrap">
      <table aria-label="Trigger runs">
        <thead>
          <tr>
            <th scope="col">Trigger</th>
            <th scope="col">Fired</th>
            <th scope="col">Status</th>
            <th scope="col">Window</th>
            <th scope="col">Pipeline runs</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const start = run.properties.windowStartTime;
            const end = run.properties.windowEndTime;
            return (
              <tr key={run.triggerRunId}>
                <td>{run.triggerName}</td>
                <td>{formatTime(run.triggerRunTimestamp)}</td>
                <td>
                  <StatusBadge status={run.status} />
                </td>
                <td>
                  {typeof start === "string" && typeof end === "string"
                    ? `${formatTime(start)} – ${formatTime(end)}`
                    : "–"}
                </td>
                <td>
                  {Object.entries(run.triggeredPipelines ?? {}).map(([pipeline, runId]) => (
                    <Link key={runId} href={pathOf({ page: "run", factory, runId })}>
                      {pipeline}
                    </Link>
                  ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function TriggerRow(props: {
  api: FactoryApi;
  trigger: FactoryResource;
  nextFire: string | undefined;
  onChanged: () => void;
}) {
  const { trigger } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | undefined>();
  const properties = trigger.properties as {
    type?: string;
    runtimeState?: string;
    pipelines?: { pipelineReference?: { referenceName?: string } }[];
    pipeline?: { pipelineReference?: { referenceName?: string } };
  };
  const state = properties.runtimeState ?? "Stopped";
  const pipelines = [
    ...(properties.pipelines ?? []),
    ...(properties.pipeline ? [properties.pipeline] : []),
  ]
    .map((item) => item.pipelineReference?.referenceName)
    .filter((name): name is string => typeof name === "string");
  const change = async (start: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      await (start ? props.api.startTrigger(trigger.name) : props.api.stopTrigger(trigger.name));
      props.onChanged();
    } catch (caught) {
      setError(caught as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <tr data-trigger={trigger.name}>
      <td>{trigger.name}</td>
      <td>{properties.type ?? "–"}</td>
      <td>
        <StatusBadge status={state} />
      </td>
      <td>{pipelines.join(", ") || "–"}</td>
      <td>{state === "Started" ? formatTime(props.nextFire) : "–"}</td>
      <td>
        {state === "Started" ? (
          <button type="button" class="secondary" disabled={busy} onClick={() => change(false)}>
            Stop {trigger.name}
          </button>
        ) : (
          <button type="button" disabled={busy} onClick={() => change(true)}>
            Start {trigger.name}
          </button>
        )}
        <ErrorNotice error={error} />
      </td>
    </tr>
  );
}
