// Jobs with their task counts by state.
import type { BatchApi } from "../api/batch-api.js";
import { ErrorNotice, Loading } from "../components/notice.js";
import { StatusBadge } from "../components/status-badge.js";
import { formatTime } from "../logic/format.js";
import { pathOf } from "../logic/routes.js";
import { Link } from "../router.js";
import { usePoll } from "../use-poll.js";

const refreshMs = 3000;
/** Task counts are one call per job: only the newest jobs get them on this page. */
const countedJobs = 50;

export function JobsPage({ batch }: { batch: BatchApi }) {
  const jobs = usePoll(
    async () => {
      const list = await batch.listJobs();
      const counts = await Promise.all(
        // A job deleted between the two calls has no counts: its row shows dashes.
        list.slice(0, countedJobs).map((job) => batch.taskCounts(job.id).catch(() => undefined)),
      );
      return list.map((job, index) => ({ job, counts: counts[index]?.taskCounts }));
    },
    [batch],
    refreshMs,
  );
  return (
    <>
      <h1>Jobs</h1>
      <ErrorNotice error={jobs.error} />
      {jobs.data === undefined && jobs.loading && <Loading what="jobs" />}
      {jobs.data?.length === 0 && <p class="empty">No jobs yet.</p>}
      {jobs.data !== undefined && jobs.data.length > 0 && (
        <div class="table-wrap">
          <table aria-label="Jobs">
            <thead>
              <tr>
                <th scope="col">Job</th>
                <th scope="col">State</th>
                <th scope="col">Pool</th>
                <th scope="col">Created</th>
                <th scope="col">Active</th>
                <th scope="col">Running</th>
                <th scope="col">Succeeded</th>
                <th scope="col">Failed</th>
              </tr>
            </thead>
            <tbody>
              {jobs.data.map(({ job, counts }) => (
                <tr key={job.id}>
                  <td>
                    <Link href={pathOf({ page: "job", jobId: job.id })}>{job.id}</Link>
                  </td>
                  <td>
                    <StatusBadge status={job.state} />
                  </td>
                  <td>{job.poolInfo?.poolId ?? "–"}</td>
                  <td>{formatTime(job.creationTime)}</td>
                  <td>{counts?.active ?? "–"}</td>
                  <td>{counts?.running ?? "–"}</td>
                  <td>{counts?.succeeded ?? "–"}</td>
                  <td>{counts?.failed ?? "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
