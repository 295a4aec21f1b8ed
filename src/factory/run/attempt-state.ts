import type { JsonValue } from "../../core/index.js";
import type { ActivityRunRecord } from "../../store/index.js";
import { isFinalStatus, type ActivityError, type RecordedRun } from "../engine/index.js";
import { isPlainObject } from "../engine/parameter-types.js";

/**
 * The engine's bookkeeping in an activity row's `engineState` (never shown by the API):
 * `retryAt` on a failed attempt that will be retried, `output` holding the real output of a
 * `secureOutput` activity (the row shows the mask), `handler` what the handler saved to
 * re-attach after a restart.
 */
export interface AttemptState {
  readonly retryAt?: number;
  readonly output?: JsonValue;
  readonly handler?: JsonValue;
}

/** The attempt state of a row (tolerant of rows written by older versions). */
export function attemptStateOf(row: ActivityRunRecord): AttemptState {
  return isPlainObject(row.engineState) ? (row.engineState as AttemptState) : {};
}

/** True when the activity is over: a final status that will not be retried. */
export function isDone(row: ActivityRunRecord): boolean {
  if (!isFinalStatus(row.status)) return false;
  return !(row.status === "Failed" && typeof attemptStateOf(row).retryAt === "number");
}

/** What expressions see of a finished row. */
export function recordedOf(row: ActivityRunRecord): RecordedRun {
  const state = attemptStateOf(row);
  const output = state.output !== undefined ? state.output : row.output;
  return {
    status: row.status,
    ...(output === null ? {} : { output }),
    ...(row.error ? { error: row.error as ActivityError } : {}),
    ...(row.inactive ? { inactive: true } : {}),
  };
}
