import type { Readable } from "node:stream";
import type { TaskUserIdentity } from "./task-identity.js";

/**
 * Which of Batch's task kinds is run. It decides the directory layout and which `AZ_BATCH_*`
 * variables are set: a pool start task has no job, and runs in the node's `startup/` directory;
 * job preparation and release tasks live beside the job's tasks under their own ids.
 */
export type TaskKind = "task" | "startTask" | "jobPreparationTask" | "jobReleaseTask";

/** One `{name, value}` pair, as in Batch's `environmentSettings`. */
export interface EnvironmentSetting {
  readonly name: string;
  readonly value: string;
}

/**
 * A resource file whose source the caller already resolved (storage container, HTTP URL...):
 * the runner only opens it and writes it under the working directory.
 */
export interface ResourceFileSource {
  /** Path relative to the task working directory; it may not escape it. */
  readonly filePath: string;
  /** Octal permission string as in Batch (`"0755"`); default `"0770"`, Batch's Linux default. */
  readonly fileMode?: string;
  /**
   * Opens the content. A rejection (or a stream error) is a pre-processing error. An error whose
   * `code` is a Batch task failure code (`BlobNotFound`, `BlobAccessDenied`,
   * `BlobDownloadTimedOut`) or an HTTP-like `statusCode` of 404/403 is reported with that code;
   * anything else is `BlobDownloadMiscError`.
   */
  open(): Promise<Readable>;
}

/** Batch's `OutputFileUploadCondition`, in the SDK's lower-case spelling (any case accepted). */
export type UploadCondition = "tasksuccess" | "taskfailure" | "taskcompletion";

/** An output file declaration with its destination already bound by the caller. */
export interface OutputFileSpec {
  /**
   * Batch's pattern: `*`, `**`, `?`, `[abc]`, `[a-c]`, `[!abc]`; relative to the working
   * directory (`../stdout.txt` reaches the task directory) or absolute; `$VAR` / `${VAR}` of the
   * task environment are expanded first; names starting with `.` match only a `.` in the pattern.
   */
  readonly filePattern: string;
  /**
   * Uploads one matched file. `relativePath` is the file's path below the pattern's literal
   * directory prefix (`out/**\/*.csv` matching `out/a/b.csv` gives `a/b.csv`); Batch appends it to
   * the destination `path` when the pattern has wildcards, and uses `path` alone when it has none
   * (see {@link patternHasWildcards}). A rejection is a file upload error; its `code` may be a
   * Batch code (`FileUploadAccessDenied`, `FileUploadContainerNotFound`, `FileUploadConflict`,
   * `FileUploadTimedOut`), otherwise `FileUploadMiscError`.
   */
  upload(relativePath: string, absolutePath: string): Promise<void>;
  readonly uploadCondition: UploadCondition | Capitalize<UploadCondition> | string;
}

/**
 * Everything the runner needs to run one task on this node. `userIdentity` matters only when
 * tasks are isolated (the agent runs as root; see task-isolation.ts).
 */
export interface TaskRunSpec {
  /** Default `"task"`. */
  readonly kind?: TaskKind;
  /** Absolute path of the node root (`AZ_BATCH_NODE_ROOT_DIR`). */
  readonly nodeRootDir: string;
  readonly accountName: string;
  /** Default: `AZ_BATCH_ACCOUNT_URL` is not set. */
  readonly accountUrl?: string;
  readonly poolId: string;
  readonly nodeId: string;
  /** Default `true` (Sluice has no Spot nodes). */
  readonly nodeIsDedicated?: boolean;
  /** Required unless `kind` is `"startTask"`. */
  readonly jobId?: string;
  /** Required unless `kind` is `"startTask"`; for job preparation/release, that task's id. */
  readonly taskId?: string;
  /**
   * The id of the job's preparation task when the job has one (default `"jobpreparation"` in
   * Batch): sets `AZ_BATCH_JOB_PREP_DIR` / `AZ_BATCH_JOB_PREP_WORKING_DIR`. Default: none.
   */
  readonly jobPreparationTaskId?: string;
  readonly commandLine: string;
  /** The job's `commonEnvironmentSettings`; task settings override them. Default none. */
  readonly commonEnvironmentSettings?: readonly EnvironmentSetting[];
  /** Default none. */
  readonly environmentSettings?: readonly EnvironmentSetting[];
  /** Milliseconds from process start; default: no limit. */
  readonly maxWallClockTime?: number;
  /** Default none. */
  readonly resourceFiles?: readonly ResourceFileSource[];
  /** Default none. */
  readonly outputFiles?: readonly OutputFileSpec[];
  /**
   * Batch's `userIdentity`; default the non-admin auto-user. With isolation: `elevationLevel:
   * "admin"` runs as root, `autoUser.scope: "pool"` as the pool's shared user, anything else as
   * a user of the task's own; `userName` fails the task (pre-processing error). Without
   * isolation every task runs as the agent's user, but `userName` still fails.
   */
  readonly userIdentity?: TaskUserIdentity;
}

/** Batch's `TaskFailureInformation`. */
export interface TaskFailureInfo {
  readonly category: "usererror" | "servererror";
  readonly code: string;
  readonly message: string;
  readonly details?: readonly { readonly name: string; readonly value: string }[];
}

/**
 * Why a run failed, for the service's `exitConditions` (`preProcessingError`,
 * `fileUploadError`, exit codes) and retry rules (only `exitCode` failures are retried).
 */
export type FailureKind = "preProcessingError" | "exitCode" | "timeout" | "aborted";

/** What happened, in Batch's `executionInfo` terms. */
export interface TaskRunResult {
  /** When the runner started (directories, resource files), then the process. */
  readonly startTime: Date;
  readonly endTime: Date;
  /** Absent when the command never ran (pre-processing error, abort before launch). */
  readonly exitCode?: number;
  /** `success` iff the process exited 0 and there is no `failureInfo`. */
  readonly result: "success" | "failure";
  readonly failureInfo?: TaskFailureInfo;
  /** Set with `failureInfo`, except when that comes only from an upload error. */
  readonly failureKind?: FailureKind;
  /** Set when an output file failed to upload (not retried, as in Batch). */
  readonly fileUploadError?: TaskFailureInfo;
  /** Set when `abort` was signalled; the `AbortSignal`'s reason, as text. */
  readonly abortReason?: string;
  readonly taskDir: string;
  readonly workingDir: string;
  readonly stdoutPath: string;
  readonly stderrPath: string;
  /** Files uploaded, in order. */
  readonly uploadedFiles: readonly string[];
}
