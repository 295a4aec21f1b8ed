// Pipeline runs of a factory: filters (status, pipeline, time range) kept in the URL, pages
// of the server's answer shown 50 rows at a time, refreshed every few seconds.
import { useMemo, useState } from "preact/hooks";
import type { PipelineRun } from "../../../src/client/factory-model.js";
import { factoryApi } from "../api/factory-api.js";
import type { Http } from "../api/http.js";
import { ErrorNotice, Loading } from "../components/notice.js";
import { Pager } from "../components/pager.js";
import { RunFinder } from "../components/run-finder.js";
import { StatusBadge } from "../components/status-badge.js";
import { elapsedMs, formatDuration, formatTime } from "../logic/format.js";
import { pathOf } from "../logic/routes.js";
import {
  filtersFromQuery,
  filtersToQuery,
  runQueryBody,
  timeRanges,
  type RunFilterState,
  type TimeRange,
} from "../logic/run-filters.js";
import { Link, navigate } from "../router.js";
import { usePoll } from "../use-poll.js";

const statuses = ["Queued", "InProgress", "Succeeded", "Failed", "Canceling", "Cancelled"];
/** Rows drawn at once: the server's pages hold up to 1000 runs. */
const rowsPerView = 50;
const refreshMs = 3000;

interface PageEntry {
  readonly token?: string;
  readonly offset: number;
  readonly before: number;
}

const firstPage: PageEntry = { offset: 0, before: 0 };

export function RunsPage({
  http,
  factory,
  search,
}: {
  http: Http;
  factory: string;
  search: string;
}) {
  const api = useMemo(() => factoryApi(http, factory), [http, factory]);
  const filters = filtersFromQuery(search);
  // The server pages read so far (the last is shown): each one's token, the view offset
  // within it and the number of runs before it.
  // Paging belongs to one set of filters: other filters (also by Back/Forward) start afresh.
  const [paging, setPaging] = useState<{ search: string; stack: PageEntry[] }>({
    search,
    stack: [firstPage],
  });
  const stack = paging.search === search ? paging.stack : [firstPage];
  const setStack = (next: PageEntry[]) => setPaging({ search, stack: next });
  const [live, setLive] = useState(true);
  const current = stack[stack.length - 1] ?? firstPage;
  const filterKey = JSON.stringify(filters);
  // Each answer remembers what it answers: a page turn or a new filter shows no stale rows
  // under the new summary while the server's answer is on its way.
  const wanted = `${filterKey}|${current.token ?? ""}`;
  const runs = usePoll(
    async () => ({
      key: wanted,
      body: await api.queryRuns(runQueryBody(filters, Date.now(), current.token)),
    }),
    [api, wanted],
    live ? refreshMs : null,
  );
  const answer = runs.data?.key === wanted ? runs.data.body : undefined;
  const pipelines = usePoll(() => api.listPipelines(), [api], null);

  const setFilters = (next: RunFilterState) => {
    navigate(`${pathOf({ page: "runs", factory })}${filtersToQuery(next)}`, { replace: true });
  };
  const page = answer?.value ?? [];
  const view = page.slice(current.offset, current.offset + rowsPerView);
  const moreOnServer = answer?.continuationToken;
  const withCurrent = (entry: PageEntry) => [...stack.slice(0, -1), entry];
  const next = () => {
    if (current.offset + rowsPerView < page.length) {
      setStack(withCurrent({ ...current, offset: current.offset + rowsPerView }));
    } else if (moreOnServer !== undefined) {
      setStack([
        ...stack,
        { token: moreOnServer, offset: 0, before: current.before + page.length },
      ]);
    }
  };
  const previous = () => {
    if (current.offset > 0) {
      setStack(withCurrent({ ...current, offset: Math.max(0, current.offset - rowsPerView) }));
    } else if (stack.length > 1) setStack(stack.slice(0, -1));
  };
  const firstRow = current.before + current.offset;

  return (
    <>
      <h1>Pipeline runs</h1>
      <p class="muted">Factory {factory}</p>
      <RunFinder factory={factory} />
      <form class="filters" aria-label="Filter runs" onSubmit={(event) => event.preventDefault()}>
        <div class="field">
          <label for="filter-status">Status</label>
          <select
            id="filter-status"
            value={filters.status}
            onChange={(event) =>
              setFilters({ ...filters, status: (event.target as HTMLSelectElement).value })
            }
          >
            <option value="">Any status</option>
            {statuses.map((status) => (
              <option key={status} value={status}>
                {status}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-pipeline">Pipeline</label>
          <input
            id="filter-pipeline"
            list="pipeline-names"
            value={filters.pipeline}
            placeholder="Any pipeline"
            autocomplete="off"
            onChange={(event) =>
              setFilters({ ...filters, pipeline: (event.target as HTMLInputElement).value })
            }
          />
          <datalist id="pipeline-names">
            {(pipelines.data ?? []).map((pipeline) => (
              <option key={pipeline.name} value={pipeline.name} />
            ))}
          </datalist>
        </div>
        <div class="field">
          <label for="filter-range">Updated</label>
          <select
            id="filter-range"
            value={filters.range}
            onChange={(event) =>
              setFilters({
                ...filters,
                range: (event.target as HTMLSelectElement).value as TimeRange,
              })
            }
          >
            {Object.entries(timeRanges).map(([key, range]) => (
              <option key={key} value={key}>
                {range.label}
              </option>
            ))}
          </select>
        </div>
        <div class="field checkbox">
          <input id="live" type="checkbox" checked={live} onChange={() => setLive(!live)} />
          <label for="live">Live updates</label>
        </div>
      </form>
      <ErrorNotice error={runs.error} />
      {answer === undefined ? (
        runs.error === undefined && <Loading what="runs" />
      ) : (
        <RunTable factory={factory} runs={view} />
      )}
      <Pager
        label="Run pages"
        summary={
          answer === undefined
            ? "Loading…"
            : view.length === 0
              ? "No runs"
              : `Runs ${firstRow + 1}–${firstRow + view.length}`
        }
        hasPrevious={current.offset > 0 || stack.length > 1}
        hasNext={current.offset + rowsPerView < page.length || moreOnServer !== undefined}
        onPrevious={previous}
        onNext={next}
      />
    </>
  );
}

function RunTable({ factory, runs }: { factory: string; runs: readonly PipelineRun[] }) {
  const now = Date.now();
  if (runs.length === 0) return <p class="empty">No runs match these filters.</p>;
  return (
    <div class="table-wrap">
      <table class="runs" aria-label="Pipeline runs">
        <thead>
          <tr>
            <th scope="col">Pipeline</th>
            <th scope="col">Status</th>
            <th scope="col">Run start</th>
            <th scope="col">Duration</th>
            <th scope="col">Triggered by</th>
            <th scope="col">Run ID</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const href = pathOf({ page: "run", factory, runId: run.runId });
            return (
              <tr key={run.runId} data-run-id={run.runId}>
                <td>
                  <Link href={href}>{run.pipelineName}</Link>
                </td>
                <td>
                  <StatusBadge status={run.status} />
                </td>
                <td>
                  <time dateTime={run.runStart}>{formatTime(run.runStart)}</time>
                </td>
                <td>
                  {formatDuration(elapsedMs(run.runStart, run.runEnd, run.durationInMs, now))}
                </td>
                <td>{run.invokedBy?.name ?? "–"}</td>
                <td class="mono">
                  <Link href={href} aria-label={`Run ${run.runId}`}>
                    {run.runId.slice(0, 8)}
                  </Link>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
