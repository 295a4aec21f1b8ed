/**
 * What an expression can see, by the accessor that reads it. Every field is optional; an
 * accessor whose field is missing fails with a clear error (ExpressionNoScope,
 * ExpressionMissingParameter, ...). Objects are plain JSON-like values; integral numbers
 * are integers, non-integral numbers floats.
 */
export interface ExpressionScope {
  /** `pipeline().parameters`, by parameter name. */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** `pipeline().globalParameters`, by name. */
  readonly globalParameters?: Readonly<Record<string, unknown>>;
  /** `variables('name')`, by variable name. */
  readonly variables?: Readonly<Record<string, unknown>>;
  /** `activity('name')`, by activity name. */
  readonly activities?: Readonly<Record<string, ActivityResult>>;
  /** `item()`: the current ForEach or Filter element. */
  readonly item?: unknown;
  /** `pipeline()` system variables by their ADF names (DataFactory, Pipeline, RunId, TriggerType, ...). */
  readonly pipeline?: Readonly<Record<string, unknown>>;
  /** `trigger()`: scheduledTime, startTime, outputs... */
  readonly trigger?: Readonly<Record<string, unknown>>;
  /** `triggerBody()`: fileName, folderPath, event... */
  readonly triggerBody?: Readonly<Record<string, unknown>>;
  /** `dataset()`: the parameters of the dataset being resolved. */
  readonly dataset?: Readonly<Record<string, unknown>>;
  /** `linkedService()`: the parameters of the linked service being resolved. */
  readonly linkedService?: Readonly<Record<string, unknown>>;
  /** The clock for `utcNow()` and friends: an ISO 8601 string or a Date. Default: now. */
  readonly now?: string | Date;
}

/** What `activity('name')` exposes of an activity run. */
export interface ActivityResult {
  readonly output?: unknown;
  readonly status?: string;
  readonly error?: unknown;
}
