// A task: its state, exit code, retries and requeues, and its stdout and stderr, tailed
// live while the task runs.
import { useState } from "preact/hooks";
import type { BatchApi } from "../api/batch-api.js";
import { ErrorNotice, Loading } from "../components/notice.js";
import { LogTail } from "../components/log-tail.js";
import { StatusBadge } from "../components/status-badge.js";
import { Tabs } from "../components/tabs.js";
import { elapsedMs, formatDuration, formatTime } from "../logic/format.js";
import { pathOf } from "../logic/routes.js";
import { Link } from "../router.js";
import { usePoll } from "../use-poll.js";

const files = [
  { id: "stdout", label: "stdout.txt" },
  { id: "stderr", label: "stderr.txt" },
];

export function TaskPage({
  batch,
  jobId,
  taskId,
}: {
  batch: BatchApi;
  jobId: string;
  taskId: string;
}) {
  const [done, setDone] = useState(false);
  const task = usePoll(
    async () => {
      const value = await batch.getTask(jobId, taskId);
      if (value.state === "completed") setDone(true);
      return value;
    },
    [batch, jobId, taskId],
    done ? null : 2000,
  );
  const [file, setFile] = useState("stdout");
  const info = task.data?.executionInfo;
  return (
    <>
      <p class="crumbs">
        <Link href={pathOf({ page: "jobs" })}>Jobs</Link> /{" "}
        <Link href={pathOf({ page: "job", jobId })}>{jobId}</Link> / {taskId}
      </p>
      <h1>
        Task {taskId} {task.data && <StatusBadge status={task.data.state} />}
      </h1>
      <ErrorNotice error={task.error} />
      {task.data === undefined ? (
        task.error === undefined && <Loading what="the task" />
      ) : (
        <dl class="facts">
          <dt>Command line</dt>
          <dd class="mono">{task.data.commandLine}</dd>
          <dt>Exit code</dt>
          <dd data-testid="exit-code">{info?.exitCode ?? "–"}</dd>
          <dt>Started</dt>
          <dd>{formatTime(info?.startTime)}</dd>
          <dt>Duration</dt>
          <dd>
            {formatDuration(elapsedMs(info?.startTime, info?.endTime, undefined, Date.now()))}
          </dd>
          <dt>Retries</dt>
          <dd>{info?.retryCount ?? 0}</dd>
          <dt>Requeues</dt>
          <dd>{info?.requeueCount ?? 0}</dd>
          <dt>Node</dt>
          <dd class="mono">{task.data.nodeInfo?.nodeId ?? "–"}</dd>
          {info?.failureInfo && (
            <>
              <dt>Failure</dt>
              <dd>
                {info.failureInfo.code}: {info.failureInfo.message}
              </dd>
            </>
          )}
        </dl>
      )}
      <Tabs label="Task files" tabs={files} selected={file} onSelect={setFile}>
        <LogTail
          key={file}
          batch={batch}
          jobId={jobId}
          taskId={taskId}
          name={`${file}.txt`}
          live={!done}
        />
      </Tabs>
    </>
  );
}
