// One activity run's input, output and error as formatted JSON (secure values arrive
// masked from the server), with a link to the child run of an Execute Pipeline activity.
import type { ActivityRun } from "../../../src/client/factory-model.js";
import { elapsedMs, formatDuration, formatTime } from "../logic/format.js";
import { pathOf } from "../logic/routes.js";
import { Link } from "../router.js";
import { JsonView } from "./json-view.js";
import { StatusBadge } from "./status-badge.js";

export function ActivityDetails(props: {
  factory: string;
  activity: ActivityRun;
  onClose: () => void;
}) {
  const { activity } = props;
  const childRunId = (activity.output as { pipelineRunId?: unknown } | null)?.pipelineRunId;
  const hasError = activity.error?.errorCode !== "" || activity.error?.message !== "";
  return (
    <section class="details" aria-labelledby="activity-details-title">
      <div class="details-head">
        <h3 id="activity-details-title">
          {activity.activityName} <StatusBadge status={activity.status} />
        </h3>
        <button type="button" class="secondary" onClick={props.onClose}>
          Close details
        </button>
      </div>
      <dl class="facts">
        <dt>Type</dt>
        <dd>{activity.activityType}</dd>
        <dt>Started</dt>
        <dd>{formatTime(activity.activityRunStart)}</dd>
        <dt>Duration</dt>
        <dd>
          {formatDuration(
            elapsedMs(
              activity.activityRunStart,
              activity.activityRunEnd,
              activity.durationInMs,
              Date.now(),
            ),
          )}
        </dd>
        <dt>Activity run ID</dt>
        <dd class="mono">{activity.activityRunId}</dd>
        {typeof childRunId === "string" && (
          <>
            <dt>Child run</dt>
            <dd>
              <Link href={pathOf({ page: "run", factory: props.factory, runId: childRunId })}>
                {childRunId}
              </Link>
            </dd>
          </>
        )}
      </dl>
      <JsonView label="Input" value={activity.input} testId="activity-input" />
      <JsonView label="Output" value={activity.output} testId="activity-output" />
      {hasError && <JsonView label="Error" value={activity.error} testId="activity-error" />}
    </section>
  );
}
