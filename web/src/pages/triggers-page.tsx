// A factory's triggers with their state, next fire time, start / stop, and recent trigger runs.
import { useMemo } from "preact/hooks";
import type { FactoryResource } from "../../../src/client/factory-model.js";
import { factoryApi, type FactoryApi } from "../api/factory-api.js";
import type { Http } from "../api/http.js";
import { ErrorNotice, Loading } from "../components/notice.js";
import { StatusBadge } from "../components/status-badge.js";
import { TriggerRunTable } from "../components/trigger-run-table.js";
import { TriggerSwitch } from "../components/trigger-switch.js";
import { formatTime } from "../logic/format.js";
import { pathOf } from "../logic/routes.js";
import { triggerFacts } from "../logic/trigger-facts.js";
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
                  factory={factory}
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
      <TriggerRunTable factory={factory} runs={runs.data?.value.slice(0, 50) ?? []} />
    </>
  );
}

function TriggerRow(props: {
  api: FactoryApi;
  factory: string;
  trigger: FactoryResource;
  nextFire: string | undefined;
  onChanged: () => void;
}) {
  const { trigger, factory } = props;
  const facts = triggerFacts(trigger.properties);
  return (
    <tr data-trigger={trigger.name}>
      <td>
        <Link href={pathOf({ page: "trigger", factory, trigger: trigger.name })}>
          {trigger.name}
        </Link>
      </td>
      <td>{facts.type}</td>
      <td>
        <StatusBadge status={facts.state} />
      </td>
      <td>
        {facts.pipelines.length === 0
          ? "–"
          : facts.pipelines.map((pipeline, index) => (
              <span key={pipeline}>
                {index > 0 && ", "}
                <Link href={pathOf({ page: "pipeline", factory, pipeline })}>{pipeline}</Link>
              </span>
            ))}
      </td>
      <td>{facts.state === "Started" ? formatTime(props.nextFire) : "–"}</td>
      <td>
        <TriggerSwitch
          api={props.api}
          name={trigger.name}
          state={facts.state}
          onChanged={props.onChanged}
        />
      </td>
    </tr>
  );
}
