// A run's activity runs as a table; each row opens the activity's details.
import type { ActivityRun } from "../../../src/client/factory-model.js";
import { elapsedMs, formatDuration, formatTime } from "../logic/format.js";
import { StatusBadge } from "./status-badge.js";

export function ActivityTable(props: {
  activities: readonly ActivityRun[];
  selected: string | undefined;
  onSelect: (activityRunId: string) => void;
}) {
  const now = Date.now();
  if (props.activities.length === 0) return <p class="empty">No activity has run yet.</p>;
  return (
    <div class="table-wrap">
      <table aria-label="Activity runs">
        <thead>
          <tr>
            <th scope="col">Activity</th>
            <th scope="col">Type</th>
            <th scope="col">Status</th>
            <th scope="col">Start</th>
            <th scope="col">Duration</th>
            <th scope="col">Attempt</th>
            <th scope="col">
              <span class="visually-hidden">Details</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.activities.map((activity) => (
            <tr
              key={activity.activityRunId}
              class={activity.activityRunId === props.selected ? "selected" : undefined}
            >
              <td>{activity.activityName}</td>
              <td>{activity.activityType}</td>
              <td>
                <StatusBadge status={activity.status} />
              </td>
              <td>{formatTime(activity.activityRunStart)}</td>
              <td>
                {formatDuration(
                  elapsedMs(
                    activity.activityRunStart,
                    activity.activityRunEnd,
                    activity.durationInMs,
                    now,
                  ),
                )}
              </td>
              <td>{activity.retryAttempt === null ? 1 : activity.retryAttempt + 1}</td>
              <td>
                <button
                  type="button"
                  class="link"
                  aria-label={`Details of ${activity.activityName}`}
                  aria-pressed={activity.activityRunId === props.selected}
                  onClick={() => props.onSelect(activity.activityRunId)}
                >
                  Details
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
