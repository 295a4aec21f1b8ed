// A job: task counts by state and its tasks, a page at a time, filtered by state.
import { useState } from "preact/hooks";
import type { CloudTask } from "../../../src/api/index.js";
import type { BatchApi } from "../api/batch-api.js";
import { ErrorNotice, Loading } from "../components/notice.js";
import { Pager } from "../components/pager.js";
import { StatusBadge } from "../components/status-badge.js";
import { elapsedMs, formatDuration, formatTime } from "../logic/format.js";
import { pathOf } from "../logic/routes.js";
import { Link } from "../router.js";
import { usePoll } from "../use-poll.js";

const refreshMs = 3000;
const pageSize = 50;
const taskStates = ["active", "preparing", "running", "completed"];

export function JobPage({ batch, jobId }: { batch: BatchApi; jobId: string }) {
  const [state, setState] = useState("");
  // The nextLinks that led to each page read so far (undefined: the first page).
  const [links, setLinks] = useState<(string | undefined)[]>([undefined]);
  const link = links[links.length - 1];
  const job = usePoll(
    async () => {
      const [info, counts] = await Promise.all([batch.getJob(jobId), batch.taskCounts(jobId)]);
      return { info, counts: counts.taskCounts };
    },
    [batch, jobId],
    refreshMs,
  );
  const tasks = usePoll(
    () =>
      batch.taskPage(jobId, { pageSize, state, ...(link === undefined ? {} : { nextLink: link }) }),
    [batch, jobId, state, link],
    refreshMs,
  );
  const counts = job.data?.counts;
  const page = tasks.data?.value ?? [];
  const next = tasks.data?.["odata.nextLink"];
  const first = (links.length - 1) * pageSize;
  return (
    <>
      <p class="crumbs">
        <Link href={pathOf({ page: "jobs" })}>Jobs</Link> / {jobId}
      </p>
      <h1>
        Job {jobId} {job.data && <StatusBadge status={job.data.info.state} />}
      </h1>
      <ErrorNotice error={job.error} />
      {counts && (
        <ul class="counts" aria-label="Tasks by state">
          <li>Active: {counts.active}</li>
          <li>Running: {counts.running}</li>
          <li>Completed: {counts.completed}</li>
          <li>Succeeded: {counts.succeeded}</li>
          <li>Failed: {counts.failed}</li>
        </ul>
      )}
      <h2>Tasks</h2>
      <form class="filters" aria-label="Filter tasks" onSubmit={(event) => event.preventDefault()}>
        <div class="field">
          <label for="task-state">State</label>
          <select
            id="task-state"
            value={state}
            onChange={(event) => {
              setState((event.target as HTMLSelectElement).value);
              setLinks([undefined]);
            }}
          >
            <option value="">Any state</option>
            {taskStates.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </div>
      </form>
      <ErrorNotice error={tasks.error} />
      {tasks.data === undefined && tasks.loading ? (
        <Loading what="tasks" />
      ) : (
        <TaskTable jobId={jobId} tasks={page} />
      )}
      <Pager
        label="Task pages"
        summary={page.length === 0 ? "No tasks" : `Tasks ${first + 1}–${first + page.length}`}
        hasPrevious={links.length > 1}
        hasNext={next !== undefined}
        onPrevious={() => setLinks(links.slice(0, -1))}
        onNext={() => next !== undefined && setLinks([...links, next])}
      />
    </>
  );
}

function TaskTable({ jobId, tasks }: { jobId: string; tasks: readonly CloudTask[] }) {
  if (tasks.length === 0) return <p class="empty">No tasks match.</p>;
  const now = Date.now();
  return (
    <div class="table-wrap">
      <table aria-label="Tasks">
        <thead>
          <tr>
            <th scope="col">Task</th>
            <th scope="col">State</th>
            <th scope="col">Exit code</th>
            <th scope="col">Started</th>
            <th scope="col">Duration</th>
            <th scope="col">Retries</th>
            <th scope="col">Requeues</th>
            <th scope="col">Node</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((task) => {
            const info = task.executionInfo;
            return (
              <tr key={task.id}>
                <td>
                  <Link href={pathOf({ page: "task", jobId, taskId: task.id })}>{task.id}</Link>
                </td>
                <td>
                  <StatusBadge status={task.state} />
                </td>
                <td>{info?.exitCode ?? "–"}</td>
                <td>{formatTime(info?.startTime)}</td>
                <td>{formatDuration(elapsedMs(info?.startTime, info?.endTime, undefined, now))}</td>
                <td>{info?.retryCount ?? 0}</td>
                <td>{info?.requeueCount ?? 0}</td>
                <td class="mono">{task.nodeInfo?.nodeId ?? "–"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
