// A tumbling window trigger's windows: a count per ADF window state, a state filter, the
// windows newest first 50 at a time, and a rerun of each ended window.
import { useState } from "preact/hooks";
import type { FactoryApi, TriggerWindow } from "../api/factory-api.js";
import { formatTime } from "../logic/format.js";
import { pathOf } from "../logic/routes.js";
import { canRerunWindow, windowCounts, windowStates, windowsShown } from "../logic/windows.js";
import { Link } from "../router.js";
import { useAction } from "../use-action.js";
import { ErrorNotice } from "./notice.js";
import { Pager } from "./pager.js";
import { StatusBadge } from "./status-badge.js";

const rowsPerView = 50;

export function TriggerWindows(props: {
  api: FactoryApi;
  factory: string;
  trigger: string;
  windows: readonly TriggerWindow[];
  onChanged: () => void;
}) {
  const [state, setState] = useState("");
  const [offset, setOffset] = useState(0);
  const counts = windowCounts(props.windows);
  const shown = windowsShown(props.windows, state);
  const view = shown.slice(offset, offset + rowsPerView);
  const choose = (next: string) => {
    setState(next);
    setOffset(0);
  };
  return (
    <section aria-labelledby="windows-title">
      <h2 id="windows-title">Windows</h2>
      <ul class="counts window-counts" aria-label="Windows by state">
        {windowStates.map((name) => (
          <li key={name} data-window-count={name}>
            <StatusBadge status={name} /> {counts.get(name) ?? 0}
          </li>
        ))}
      </ul>
      <div class="filters">
        <div class="field">
          <label for="window-state">State</label>
          <select
            id="window-state"
            value={state}
            onChange={(event) => choose((event.target as HTMLSelectElement).value)}
          >
            <option value="">Any state</option>
            {windowStates.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {view.length === 0 ? (
        <p class="empty">
          {props.windows.length === 0 ? "No window has fallen due yet." : "No windows match."}
        </p>
      ) : (
        <WindowTable {...props} windows={view} />
      )}
      <Pager
        label="Window pages"
        summary={view.length === 0 ? "No windows" : `Windows ${offset + 1}–${offset + view.length}`}
        hasPrevious={offset > 0}
        hasNext={offset + rowsPerView < shown.length}
        onPrevious={() => setOffset(Math.max(0, offset - rowsPerView))}
        onNext={() => setOffset(offset + rowsPerView)}
      />
    </section>
  );
}

function WindowTable(props: {
  api: FactoryApi;
  factory: string;
  trigger: string;
  windows: readonly TriggerWindow[];
  onChanged: () => void;
}) {
  return (
    <div class="table-wrap">
      <table aria-label="Windows">
        <thead>
          <tr>
            <th scope="col">Window start</th>
            <th scope="col">State</th>
            <th scope="col">Window end</th>
            <th scope="col">Attempt</th>
            <th scope="col">Pipeline run</th>
            <th scope="col">Message</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.windows.map((window) => (
            <WindowRow key={window.triggerRunId} {...props} window={window} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function WindowRow(props: {
  api: FactoryApi;
  factory: string;
  trigger: string;
  window: TriggerWindow;
  onChanged: () => void;
}) {
  const { window, factory } = props;
  const { busy, error, act } = useAction();
  const start = formatTime(window.windowStartTime);
  const rerun = () =>
    act(async () => {
      await props.api.rerunTriggerRun(props.trigger, window.triggerRunId);
      props.onChanged();
    });
  return (
    <tr data-window-start={window.windowStartTime} data-window-state={window.status}>
      <td>
        <time dateTime={window.windowStartTime}>{start}</time>
      </td>
      <td>
        <StatusBadge status={window.status} />
      </td>
      <td>
        <time dateTime={window.windowEndTime}>{formatTime(window.windowEndTime)}</time>
      </td>
      <td>{window.attempt === 0 ? "–" : window.attempt}</td>
      <td class="mono">
        {window.runId === null ? (
          "–"
        ) : (
          <Link
            href={pathOf({ page: "run", factory, runId: window.runId })}
            aria-label={`Run ${window.runId} of the window from ${start}`}
          >
            {window.runId.slice(0, 8)}
          </Link>
        )}
      </td>
      <td>{window.message || "–"}</td>
      <td>
        {canRerunWindow(window.status) && (
          <button
            type="button"
            class="secondary"
            disabled={busy}
            aria-label={`Rerun the window from ${start}`}
            onClick={rerun}
          >
            Rerun
          </button>
        )}
        <ErrorNotice error={error} />
      </td>
    </tr>
  );
}
