// The parts tasks of every kind share (task, start task, job manager/preparation/release
// task), with Batch's REST field names. Durations are ISO 8601 strings as on the wire
// (`PT1H`); `parseDuration` turns them into milliseconds.
import type {
  AccessScope,
  AutoUserScope,
  ContainerWorkingDirectory,
  DependencyAction,
  ElevationLevel,
  ErrorCategory,
  JobAction,
  OutputFileUploadCondition,
} from "./enums.js";

/** `{ name, value }` pairs Batch uses for errors and details. */
export interface NameValuePair {
  readonly name?: string;
  readonly value?: string;
}

/** A metadata entry on a pool or job; Batch does not interpret it. */
export interface MetadataItem {
  readonly name: string;
  readonly value: string;
}

/** An environment variable for a task's process. */
export interface EnvironmentSetting {
  readonly name: string;
  readonly value?: string;
}

/** A managed identity (stored and returned; Sluice has no Azure identities). */
export interface ComputeNodeIdentityReference {
  readonly resourceId?: string;
}

/**
 * A file to download before the command runs. Exactly one of `autoStorageContainerName`,
 * `storageContainerUrl` and `httpUrl`; `filePath` is required with `httpUrl` and must stay
 * inside the task's working directory. `fileMode` is octal, default `0770`.
 */
export interface ResourceFile {
  readonly autoStorageContainerName?: string;
  readonly storageContainerUrl?: string;
  readonly httpUrl?: string;
  readonly blobPrefix?: string;
  readonly filePath?: string;
  readonly fileMode?: string;
  readonly identityReference?: ComputeNodeIdentityReference;
}

/** An HTTP header set on an uploaded blob. */
export interface HttpHeader {
  readonly name: string;
  readonly value?: string;
}

/** Where output files go: a container URL (with a write SAS) and a blob path or prefix. */
export interface OutputFileBlobContainerDestination {
  readonly path?: string;
  readonly containerUrl: string;
  readonly identityReference?: ComputeNodeIdentityReference;
  readonly uploadHeaders?: readonly HttpHeader[];
}

export interface OutputFileDestination {
  readonly container?: OutputFileBlobContainerDestination;
}

export interface OutputFileUploadOptions {
  readonly uploadCondition: OutputFileUploadCondition;
}

/** Files uploaded after the process exits, chosen by a pattern (`*`, `**`, `?`, `[a-c]`). */
export interface OutputFile {
  readonly filePattern: string;
  readonly destination: OutputFileDestination;
  readonly uploadOptions: OutputFileUploadOptions;
}

/** What a task outcome does to its job and to its dependents. */
export interface ExitOptions {
  /** Default: `none` for exit code 0, `terminate` otherwise; acted on only with `performexitoptionsjobaction`. */
  readonly jobAction?: JobAction;
  /** Default: `satisfy` for exit code 0, `block` otherwise. */
  readonly dependencyAction?: DependencyAction;
}

export interface ExitCodeMapping {
  readonly code: number;
  readonly exitOptions: ExitOptions;
}

/** An inclusive range of exit codes. */
export interface ExitCodeRangeMapping {
  readonly start: number;
  readonly end: number;
  readonly exitOptions: ExitOptions;
}

/** How the Batch service reacts to a task's outcome. */
export interface ExitConditions {
  readonly exitCodes?: readonly ExitCodeMapping[];
  readonly exitCodeRanges?: readonly ExitCodeRangeMapping[];
  readonly preProcessingError?: ExitOptions;
  readonly fileUploadError?: ExitOptions;
  readonly default?: ExitOptions;
}

/** The auto-user a task runs as; scope default `pool`, elevation default `nonadmin`. */
export interface AutoUserSpecification {
  readonly scope?: AutoUserScope;
  readonly elevationLevel?: ElevationLevel;
}

/** Either a named pool user or an auto-user, not both; omitted = non-admin auto-user. */
export interface UserIdentity {
  readonly userName?: string;
  readonly autoUser?: AutoUserSpecification;
}

/**
 * Limits on one task. `maxWallClockTime` default infinite; `retentionTime` default 7 days;
 * `maxTaskRetryCount` 0 = no retry, -1 = unlimited, default the job's (0 if unset).
 */
export interface TaskConstraints {
  readonly maxWallClockTime?: string;
  readonly retentionTime?: string;
  readonly maxTaskRetryCount?: number;
}

export interface ContainerRegistry {
  readonly userName?: string;
  readonly password?: string;
  readonly registryServer?: string;
  readonly identityReference?: ComputeNodeIdentityReference;
}

/** Container settings (stored and returned; Sluice runs commands on the node directly). */
export interface TaskContainerSettings {
  readonly containerRunOptions?: string;
  readonly imageName: string;
  readonly registry?: ContainerRegistry;
  readonly workingDirectory?: ContainerWorkingDirectory;
}

export interface ApplicationPackageReference {
  readonly applicationId: string;
  readonly version?: string;
}

export interface AuthenticationTokenSettings {
  readonly access?: readonly AccessScope[];
}

/** `failureInfo` of a task or start task that failed. */
export interface TaskFailureInformation {
  readonly category: ErrorCategory;
  readonly code?: string;
  readonly message?: string;
  readonly details?: readonly NameValuePair[];
}

export interface TaskContainerExecutionInformation {
  readonly containerId?: string;
  readonly state?: string;
  readonly error?: string;
}
