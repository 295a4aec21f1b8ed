// One trigger: its state with start / stop, next fire times, its definition as JSON, a
// tumbling window trigger's windows by state (with rerun), and its recent trigger runs.
import { useMemo } from "preact/hooks";
import { factoryApi } from "../api/factory-api.js";
import type { Http } from "../api/http.js";
import { JsonView } from "../components/json-view.js";
import { ErrorNotice, Loading } from "../components/notice.js";
import { StatusBadge } from "../components/status-badge.js";
import { TriggerRunTable } from "../components/trigger-run-table.js";
import { TriggerSwitch } from "../components/trigger-switch.js";
import { TriggerWindows } from "../components/trigger-windows.js";
import { formatTime } from "../logic/format.js";
import { pathOf } from "../logic/routes.js";
import { triggerFacts } from "../logic/trigger-facts.js";
import { Link } from "../router.js";
import { usePoll } from "../use-poll.js";

const refreshMs = 3000;
const nextFireCount = 5;

export function TriggerPage(props: { http: Http; factory: string; trigger: string }) {
  const { factory, trigger: name } = props;
  const api = useMemo(() => factoryApi(props.http, factory), [props.http, factory]);
  const trigger = usePoll(() => api.getTrigger(name), [api, name], refreshMs);
  const facts = trigger.data === undefined ? undefined : triggerFacts(trigger.data.properties);
  const tumbling = facts?.type === "TumblingWindowTrigger";
  const started = facts?.state === "Started";
  const fires = usePoll(
    () =>
      started
        ? api.nextFires(name, nextFireCount).then(
            (body) => body.value,
            // A trigger type without fire times (storage events) shows none.
            () => [],
          )
        : Promise.resolve([]),
    [api, name, started],
    refreshMs,
  );
  const windows = usePoll(
    () => (tumbling ? api.windows(name).then((body) => body.value) : Promise.resolve([])),
    [api, name, tumbling],
    refreshMs,
  );
  const runs = usePoll(
    () =>
      api.triggerRuns({
        filters: [{ operand: "TriggerName", operator: "Equals", values: [name] }],
        orderBy: [{ orderBy: "TriggerRunTimestamp", order: "DESC" }],
      }),
    [api, name],
    refreshMs,
  );
  const crumbs = (
    <p class="crumbs">
      <Link href={pathOf({ page: "triggers", factory })}>Triggers</Link> / {name}
    </p>
  );
  if (trigger.data === undefined || facts === undefined) {
    return (
      <>
        {crumbs}
        <h1>Trigger {name}</h1>
        <ErrorNotice error={trigger.error} />
        {trigger.error === undefined && <Loading what="the trigger" />}
      </>
    );
  }
  const refresh = () => {
    trigger.refresh();
    windows.refresh();
  };
  return (
    <>
      {crumbs}
      <h1>
        Trigger {name} <StatusBadge status={facts.state} />
      </h1>
      <dl class="facts">
        <dt>Type</dt>
        <dd>{facts.type}</dd>
        <dt>Pipelines</dt>
        <dd>
          {facts.pipelines.map((pipeline) => (
            <span key={pipeline} class="list-item">
              <Link href={pathOf({ page: "pipeline", factory, pipeline })}>{pipeline}</Link>
            </span>
          ))}
        </dd>
        <dt>Next fires</dt>
        <dd data-testid="next-fires">
          {(fires.data ?? []).length === 0
            ? "–"
            : (fires.data ?? []).map((time) => (
                <span key={time} class="list-item">
                  <time dateTime={time}>{formatTime(time)}</time>
                </span>
              ))}
        </dd>
      </dl>
      <section class="actions" aria-label="Trigger actions">
        <TriggerSwitch api={api} name={name} state={facts.state} onChanged={refresh} />
      </section>
      <ErrorNotice error={trigger.error} />
      {tumbling && (
        <>
          <ErrorNotice error={windows.error} />
          <TriggerWindows
            api={api}
            factory={factory}
            trigger={name}
            windows={windows.data ?? []}
            onChanged={windows.refresh}
          />
        </>
      )}
      <h2>Trigger runs</h2>
      <ErrorNotice error={runs.error} />
      <TriggerRunTable factory={factory} runs={runs.data?.value.slice(0, 50) ?? []} />
      <JsonView label="Definition" value={trigger.data} testId="trigger-definition" />
    </>
  );
}
