// Trigger runs (ADF's queryTriggerRuns): when each fired, its status, its window and the
// pipeline runs it started.
import type { TriggerRun } from "../api/factory-api.js";
import { formatTime } from "../logic/format.js";
import { pathOf } from "../logic/routes.js";
import { Link } from "../router.js";
import { StatusBadge } from "./status-badge.js";

export function TriggerRunTable({
  factory,
  runs,
}: {
  factory: string;
  runs: readonly TriggerRun[];
}) {
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
