import type { BatchErrorBody } from "../api/index.js";
import { BatchError } from "../batch/index.js";
import { isSluiceError, type ErrorCode } from "../core/index.js";

export type { BatchErrorBody };

/** A reply for a failed request: the HTTP status and Batch-shaped body. */
export interface ErrorReply {
  readonly status: number;
  readonly body: BatchErrorBody;
}

/** HTTP status and Batch code for Sluice errors that are not BatchErrors. */
const replyByCode: Partial<Record<ErrorCode, { status: number; batchCode: string }>> = {
  InvalidArgument: { status: 400, batchCode: "InvalidInput" },
  StoreNotFound: { status: 404, batchCode: "ResourceNotFound" },
  StoreDuplicate: { status: 409, batchCode: "ResourceExists" },
  StoreConflict: { status: 412, batchCode: "ConditionNotMet" },
};

const internal: ErrorReply = {
  status: 500,
  body: {
    code: "InternalServerError",
    message: {
      lang: "en-US",
      value: "The server encountered an internal error. Please retry the request.",
    },
  },
};

/**
 * Turns any thrown value into Batch's error reply. A BatchError carries its own code and
 * status (PoolNotFound, InvalidPropertyValue...); other SluiceErrors map by code; anything
 * else is a 500 that says nothing about internals.
 */
export function errorReply(error: unknown): ErrorReply {
  if (error instanceof BatchError) return { status: error.status, body: error.toBody() };
  if (!isSluiceError(error)) return internal;
  const mapped = replyByCode[error.code];
  if (!mapped) return internal;
  return {
    status: mapped.status,
    body: { code: mapped.batchCode, message: { lang: "en-US", value: error.message } },
  };
}
