import type { BatchErrorBody } from "../api/index.js";
import { SluiceError } from "../core/index.js";

/**
 * Batch's REST error codes Sluice reports, with the HTTP status Batch answers them with and
 * Batch's standard message (from Microsoft's "Batch Status and Error Codes"). The server
 * reads the status from here; nothing else maps codes to statuses.
 */
export const batchErrorCodes = {
  InvalidRequestBody: [400, "The specified Request Body is not syntactically valid."],
  MissingRequiredProperty: [400, "A required property was not specified in the request body."],
  InvalidPropertyValue: [
    400,
    "The value provided for one of the properties in the request body is invalid.",
  ],
  UnsupportedProperty: [
    400,
    "One of the properties specified in the request body is not supported.",
  ],
  InvalidHeaderValue: [
    400,
    "The value provided for one of the HTTP headers was not in the correct format.",
  ],
  MissingRequiredHeader: [400, "A required HTTP header was not specified."],
  InvalidQueryParameterValue: [
    400,
    "An invalid value was specified for one of the query parameters in the request URI.",
  ],
  OutOfRangeQueryParameterValue: [
    400,
    "A query parameter specified in the request URI is outside the permissible range.",
  ],
  InvalidInput: [400, "One of the request inputs is not valid."],
  InvalidAutoScalingSettings: [400, "The specified auto-scaling settings are not valid."],
  AutoScalingFormulaSyntaxError: [400, "The specified auto-scaling formula has a syntax error."],
  AutoScalingFormulaTooLong: [400, "The specified auto-scaling formula exceeds lengths limit."],
  TaskDependenciesNotSpecifiedOnJob: [
    400,
    "A task was specified as depending on other tasks, but the job did not specify that it would use task dependencies.",
  ],
  TaskDependencyListTooLong: [
    400,
    "A task was specified as depending on other tasks, but the list of dependencies was too long to be stored.",
  ],
  TaskDependencyRangesTooLong: [
    400,
    "A task was specified as depending on multiple ranges of task ids, and the list of ranges was too long to be stored.",
  ],
  AuthenticationFailed: [403, "The server failed to authenticate the request."],
  ResourceNotFound: [404, "The specified resource does not exist."],
  PoolNotFound: [404, "The specified pool does not exist."],
  NodeNotFound: [404, "The specified node does not exist."],
  JobNotFound: [404, "The specified job does not exist."],
  JobScheduleNotFound: [404, "The specified job schedule does not exist."],
  ApplicationNotFound: [404, "The specified application does not exist."],
  ApplicationPackageNotFound: [404, "The specified application package does not exist."],
  TaskNotFound: [404, "The specified task does not exist."],
  FileNotFound: [404, "The specified file does not exist."],
  OperationInvalidForCurrentState: [
    409,
    "The specified operation is not valid for the current state of the resource.",
  ],
  PoolBeingDeleted: [
    409,
    "The specified pool has been marked for deletion and is being reclaimed.",
  ],
  TooManyEnableAutoScaleRequests: [
    409,
    "Autoscale was enabled on the specified pool less than 30 seconds ago.",
  ],
  PoolBeingResized: [409, "The specified pool is being resized."],
  PoolExists: [409, "The specified pool already exists."],
  JobExists: [409, "The specified job already exists."],
  JobScheduleExists: [409, "The specified job schedule already exists."],
  JobScheduleBeingDeleted: [
    409,
    "The specified job schedule has been marked for deletion and is being reclaimed.",
  ],
  JobScheduleBeingTerminated: [409, "The specified job schedule is being terminated."],
  JobScheduleCompleted: [
    409,
    "The specified job schedule is already in completed state and cannot be modified.",
  ],
  JobScheduleDisabled: [409, "The specified job schedule is disabled."],
  InvalidApplicationPackageReferences: [
    409,
    "One or more of the specified application package references are invalid.",
  ],
  TaskExists: [409, "The specified task already exists."],
  JobBeingTerminated: [409, "The specified job is being terminated."],
  JobBeingDeleted: [
    409,
    "The specified job has been marked for deletion and is being garbage collected.",
  ],
  JobDisabled: [409, "The specified job is disabled."],
  JobCompleted: [409, "The specified job is already in a completed state."],
  JobNotActive: [409, "The specified job is not in active state."],
  TaskCompleted: [409, "The specified task is already in a completed state."],
  TaskNotCompleted: [409, "The specified task is not in a completed state."],
  TaskSucceeded: [409, "The specified task has already completed successfully."],
  TaskIdSameAsJobPreparationTask: [
    409,
    "The specified task id is same as the job preparation task.",
  ],
  TaskIdSameAsJobReleaseTask: [409, "The specified task id is same as the job release task."],
  NodeAlreadyInTargetSchedulingState: [
    409,
    "The specified node is already in the target scheduling state.",
  ],
  OperationNotValidOnNode: [409, "The specified operation is not valid on the node."],
  // Sluice's agent protocol (not Batch's REST API): a node reported on a claim it no longer holds.
  LeaseLost: [
    409,
    "The claim is no longer held: the task was requeued, terminated or given to another node.",
  ],
  AppendOffsetMismatch: [
    409,
    "The append offset does not match the length of the file the server holds.",
  ],
  ConditionNotMet: [
    412,
    "The condition specified in the conditional header(s) was not met for a write operation.",
  ],
  RequestBodyTooLarge: [413, "The size of the request body exceeds the maximum size permitted."],
  InvalidRange: [416, "The range specified is invalid for the current size of the resource."],
  TooManyRequests: [429, "The server is receiving too many requests. Please retry after a while."],
  InternalError: [500, "The server encountered an internal error. Please retry the request."],
  ServerBusy: [
    503,
    "The server is currently unable to receive requests. Please retry your request.",
  ],
} as const satisfies Record<string, readonly [number, string]>;

/** A Batch REST error code. */
export type BatchErrorCode = keyof typeof batchErrorCodes;

/** The HTTP status Batch answers `code` with. `ConditionNotMet` on a read (If-None-Match) is 304. */
export function batchErrorStatus(code: BatchErrorCode): number {
  return batchErrorCodes[code][0];
}

/** Facts for the `values` list, in Batch's key names. */
export interface BatchErrorValues {
  readonly PropertyName?: string;
  readonly PropertyValue?: string;
  readonly Reason?: string;
  readonly [key: string]: string | undefined;
}

/**
 * A request the Batch service refuses, carrying Batch's REST error code, body and HTTP
 * status. Its Sluice code is `BatchRequestInvalid` for 400/413 (the request is wrong in
 * itself) and `BatchRequestRefused` otherwise (state, existence, preconditions, load).
 */
export class BatchError extends SluiceError {
  readonly batchCode: BatchErrorCode;
  readonly status: number;
  readonly values: BatchErrorValues;

  constructor(batchCode: BatchErrorCode, message: string, values: BatchErrorValues = {}) {
    const status = batchErrorStatus(batchCode);
    const sluiceCode =
      status === 400 || status === 413 ? "BatchRequestInvalid" : "BatchRequestRefused";
    super(sluiceCode, message, { details: { batchCode, status, ...values } });
    this.name = "BatchError";
    this.batchCode = batchCode;
    this.status = status;
    this.values = values;
  }

  /** The REST body the server sends. */
  toBody(): BatchErrorBody {
    const values = Object.entries(this.values)
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([key, value]) => ({ key, value }));
    return {
      code: this.batchCode,
      message: { lang: "en-US", value: this.message },
      ...(values.length > 0 ? { values } : {}),
    };
  }
}

/** True when `error` is a {@link BatchError}, optionally with the given Batch code. */
export function isBatchError(error: unknown, code?: BatchErrorCode): error is BatchError {
  return error instanceof BatchError && (code === undefined || error.batchCode === code);
}

/** The not-found error for a resource kind, naming the id. */
export function notFound(
  kind: "pool" | "node" | "job" | "task" | "jobschedule",
  id: string,
): BatchError {
  const code = (
    {
      pool: "PoolNotFound",
      node: "NodeNotFound",
      job: "JobNotFound",
      task: "TaskNotFound",
      jobschedule: "JobScheduleNotFound",
    } as const
  )[kind];
  return new BatchError(code, `The specified ${kindName(kind)} '${id}' does not exist.`);
}

/** The already-exists error for a resource kind, naming the id. */
export function alreadyExists(
  kind: "pool" | "job" | "task" | "jobschedule",
  id: string,
): BatchError {
  const code = (
    {
      pool: "PoolExists",
      job: "JobExists",
      task: "TaskExists",
      jobschedule: "JobScheduleExists",
    } as const
  )[kind];
  return new BatchError(
    code,
    `The specified ${kindName(kind)} '${id}' already exists (ids are unique regardless of case).`,
  );
}

const kindName = (kind: string): string => (kind === "jobschedule" ? "job schedule" : kind);
