import { isSluiceError, type ErrorCode } from "../core/index.js";

/** Batch's REST error body: `{ code, message: { lang, value }, values: [{ key, value }] }`. */
export interface BatchErrorBody {
  readonly code: string;
  readonly message: { readonly lang: "en-US"; readonly value: string };
  readonly values?: readonly { readonly key: string; readonly value: string }[];
}

/** A reply for a failed request: the HTTP status and Batch-shaped body. */
export interface ErrorReply {
  readonly status: number;
  readonly body: BatchErrorBody;
}

/** HTTP status per Sluice error code; anything unlisted is a 500. Chosen here only. */
const statusByCode: Partial<Record<ErrorCode, number>> = {
  InvalidArgument: 400,
  StoreNotFound: 404,
  StoreDuplicate: 409,
  StoreConflict: 412,
};

/**
 * Turns any thrown value into a Batch-shaped error reply. A SluiceError may carry its own
 * REST shape in `details.batchError` (`{ code, status, values }`, set by the Batch service)
 * so Batch's codes (PoolNotFound, InvalidPropertyValue...) reach the client unchanged.
 * Unknown errors become a 500 that says nothing about internals.
 */
export function errorReply(error: unknown): ErrorReply {
  if (isSluiceError(error)) {
    const batch = error.details.batchError as
      { code?: string; status?: number; values?: { key: string; value: string }[] } | undefined;
    const status = batch?.status ?? statusByCode[error.code] ?? 500;
    const values = batch?.values ?? detailValues(error.details);
    return {
      status,
      body: {
        code: batch?.code ?? error.code,
        message: {
          lang: "en-US",
          value: status === 500 ? "The server hit an internal error." : error.message,
        },
        ...(values.length ? { values } : {}),
      },
    };
  }
  return {
    status: 500,
    body: {
      code: "InternalServerError",
      message: { lang: "en-US", value: "The server hit an internal error." },
    },
  };
}

function detailValues(
  details: Readonly<Record<string, unknown>>,
): { key: string; value: string }[] {
  const values: { key: string; value: string }[] = [];
  if (typeof details.field === "string") values.push({ key: "PropertyName", value: details.field });
  if (details.value !== undefined)
    values.push({ key: "PropertyValue", value: String(details.value) });
  return values;
}
