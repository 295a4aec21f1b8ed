// `GET jobs/{job}/jobpreparationandreleasetaskstatus`: the job's preparation and release
// tasks on each node that was handed them, in Batch's shape.
import type {
  JobPreparationTaskExecutionInformation,
  JobReleaseTaskExecutionInformation,
} from "../../api/index.js";
import type { JobPreparationRecord } from "../../store/index.js";
import type { ListResult } from "./paging.js";
import type { ServiceContext } from "./service-deps.js";
import { inBatchTerms } from "./store-errors.js";
import { poolIdOf } from "./views.js";

/** Batch's `JobPreparationAndReleaseTaskExecutionInformation`: one node's entry. */
export interface JobPreparationAndReleaseTaskStatus {
  readonly poolId: string;
  readonly nodeId: string;
  readonly nodeUrl: string;
  readonly jobPreparationTaskExecutionInfo?: JobPreparationTaskExecutionInformation;
  /** Set once the release task was handed to the node. */
  readonly jobReleaseTaskExecutionInfo?: JobReleaseTaskExecutionInformation;
}

/**
 * The status list of a job (`JobNotFound` if there is none), one entry per node by node id.
 * `taskRootDirectory` is relative to the node root; its URL is the node's files path.
 */
export async function listPreparationStatus(
  ctx: ServiceContext,
  jobId: string,
  baseUrl: string,
): Promise<ListResult<JobPreparationAndReleaseTaskStatus>> {
  const job = await inBatchTerms({ kind: "job", id: jobId }, () => ctx.jobs.get(jobId));
  const poolId = poolIdOf(job);
  const rows = await ctx.preparations.listByJob(job.id);
  return { value: rows.map((row) => statusOf(row, poolId, baseUrl)) };
}

function statusOf(
  row: JobPreparationRecord,
  poolId: string,
  baseUrl: string,
): JobPreparationAndReleaseTaskStatus {
  const nodeUrl = `${baseUrl}/pools/${poolId}/nodes/${row.nodeId}`;
  const withUrl = <T extends object>(info: T): T => {
    const root = (info as { taskRootDirectory?: unknown }).taskRootDirectory;
    return typeof root === "string"
      ? { ...info, taskRootDirectoryUrl: `${nodeUrl}/files/${root}` }
      : info;
  };
  const prep = row.prepState === null ? undefined : row.prepInfo;
  return {
    poolId,
    nodeId: row.nodeId,
    nodeUrl,
    ...(prep === undefined
      ? {}
      : {
          jobPreparationTaskExecutionInfo: withUrl(
            prep as unknown as JobPreparationTaskExecutionInformation,
          ),
        }),
    ...(row.releaseInfo === null
      ? {}
      : {
          jobReleaseTaskExecutionInfo: withUrl(
            row.releaseInfo as unknown as JobReleaseTaskExecutionInformation,
          ),
        }),
  };
}
