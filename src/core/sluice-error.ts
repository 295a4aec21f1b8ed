import type { ErrorCode } from "./error-codes.js";

/** Options for {@link SluiceError}: structured details and the underlying cause. */
export interface SluiceErrorOptions {
  /** Machine-readable facts about the failure (field, value, allowed values, position...). */
  readonly details?: Readonly<Record<string, unknown>>;
  readonly cause?: unknown;
}

/**
 * The one error base class. `code` is stable and documented in docs/errors.md; `message`
 * says in plain words what is wrong, where, and what is allowed. HTTP status is chosen only
 * by the server, from the code.
 */
export class SluiceError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, options: SluiceErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "SluiceError";
    this.code = code;
    this.details = options.details ?? {};
  }
}

/** True when `error` is a {@link SluiceError}, optionally with the given code. */
export function isSluiceError(error: unknown, code?: ErrorCode): error is SluiceError {
  return error instanceof SluiceError && (code === undefined || error.code === code);
}
