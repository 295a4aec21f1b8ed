// ADF's error shape for the factory routes. ADF answers with ARM's CloudError,
// `{ error: { code, message, target?, details? } }`, where Batch answers with
// `{ code, message: { lang, value }, values }`: the factory routes map errors here so the
// Batch routes keep Batch's shape.
import { BatchError } from "../../batch/index.js";
import { isSluiceError, type ErrorCode } from "../../core/index.js";

/** One entry of ADF's error body (`details` entries have the same shape). */
export interface AdfErrorDetail {
  readonly code: string;
  readonly message: string;
  readonly target?: string;
}

/** ADF's error body. */
export interface AdfErrorBody {
  readonly error: AdfErrorDetail & { readonly details?: readonly AdfErrorDetail[] };
}

/** HTTP status and ARM error code of the Sluice errors the factory service throws. */
const replyByCode: Partial<Record<ErrorCode, { status: number; code: string }>> = {
  FactoryInvalid: { status: 400, code: "BadRequest" },
  InvalidArgument: { status: 400, code: "BadRequest" },
  PipelineParameterInvalid: { status: 400, code: "BadRequest" },
  StoreNotFound: { status: 404, code: "ResourceNotFound" },
  StoreDuplicate: { status: 409, code: "Conflict" },
  StoreConflict: { status: 412, code: "PreconditionFailed" },
};

/** A factory-validation problem as it sits in a `FactoryInvalid` error's details. */
interface Problem {
  readonly code: string;
  readonly message: string;
  readonly file: string;
  readonly jsonPath: string;
}

/**
 * Any thrown value as ADF's error reply: mapped Sluice errors with their message (a
 * `FactoryInvalid` lists each problem in `details`, `target` being `file:jsonPath`);
 * a malformed body (Fastify's errors, a BatchError from the JSON parser) is a 400; anything
 * else a 500 that says nothing about internals.
 */
export function adfErrorReply(error: unknown): { status: number; body: AdfErrorBody } {
  if (error instanceof BatchError) {
    const code = error.status === 413 ? "RequestEntityTooLarge" : "BadRequest";
    return { status: error.status, body: { error: { code, message: error.message } } };
  }
  const fastify = error as { statusCode?: number; message?: string };
  if (!isSluiceError(error)) {
    if (fastify.statusCode !== undefined && fastify.statusCode < 500) {
      const message = fastify.message ?? "The request is malformed.";
      return { status: fastify.statusCode, body: { error: { code: "BadRequest", message } } };
    }
    return internal();
  }
  const mapped = replyByCode[error.code];
  if (mapped === undefined) return internal();
  const problems = (error.details as { problems?: readonly (Problem | string)[] } | undefined)
    ?.problems;
  // Validation problems carry their file and JSON path; parameter problems are plain text.
  const details = problems?.map((p) =>
    typeof p === "string"
      ? { code: error.code, message: p }
      : { code: p.code, message: p.message, target: `${p.file}:${p.jsonPath}` },
  );
  return {
    status: mapped.status,
    body: {
      error: {
        code: mapped.code,
        message: error.message,
        ...(details === undefined ? {} : { details }),
      },
    },
  };
}

function internal(): { status: number; body: AdfErrorBody } {
  return {
    status: 500,
    body: {
      error: {
        code: "InternalServerError",
        message: "The server encountered an internal error. Please retry the request.",
      },
    },
  };
}
