/**
 * Every stable error code Sluice reports, with a one-line meaning. `docs/errors.md` lists the
 * same codes; `error-catalogue.test.ts` fails when the two disagree. Codes never change once
 * published: callers match on them, never on message text.
 */
export const errorCodes = {
  InvalidArgument: "A command-line flag, API field or option has a value that is not allowed.",
  Internal: "A bug in Sluice: something that should never happen did.",
  DataDirInUse:
    "Another Sluice process is running on the same data directory; stop it (or use another --data-dir) first.",

  ExpressionSyntax: "An expression cannot be parsed: an unexpected or missing token.",
  ExpressionTooLong: "An expression is longer than ADF's limit of 8,192 characters.",
  ExpressionUnknownFunction: "An expression calls a function that does not exist.",
  ExpressionArgumentCount: "A function is called with too few or too many arguments.",
  ExpressionArgumentType: "A function argument or operand has a type the function does not accept.",
  ExpressionArgumentValue:
    "A function argument has the right type but a value the function cannot use (a negative count, malformed base64, an unknown time unit).",
  ExpressionMissingParameter:
    "`pipeline().parameters`, `dataset()` or `linkedService()` has no such parameter.",
  ExpressionMissingVariable: "`variables()` names a variable the pipeline does not declare.",
  ExpressionMissingActivity: "`activity()` names an activity that has not run or does not exist.",
  ExpressionMissingProperty:
    "A member access or indexer names a property the object does not have.",
  ExpressionNullAccess: "A property or index of a null value is read without the null-safe `?`.",
  ExpressionIndexOutOfRange: "An array or string index is outside its bounds.",
  ExpressionNoScope:
    "An accessor is used where it has no value (`item()` outside a ForEach, `trigger()` in a manual run).",
  ExpressionBadFormat: "A date or number format string is not valid.",
  ExpressionBadTimestamp: "A string given as a timestamp is not a date and time ADF can read.",
  ExpressionBadTimeZone: "A time zone name is neither a Windows nor an IANA time zone.",
  ExpressionDivideByZero: "`div` or `mod` with a zero divisor.",
  ExpressionBadJson: "`json()` received text that is not valid JSON.",
  ExpressionBadXml: "`xml()` or `xpath()` received invalid XML or an invalid XPath.",

  StoreNotFound: "The store has no record with that id (a pool, job, task or node).",
  StoreDuplicate:
    "A record with that id already exists; ids are unique regardless of case, as in Batch.",
  StoreConflict:
    "A write named an etag (If-Match) that no longer matches the stored record: someone else changed it first.",
  StoreSchemaTooNew:
    "The database was migrated by a newer Sluice: it records a migration this version does not know.",
  StoreMigrationFailed: "A database migration failed; it was rolled back and nothing was recorded.",
  BatchRequestInvalid:
    "A Batch API request is malformed or breaks a Batch rule (a missing or invalid property, a path escaping the task directory); `details.batchCode` holds Batch's REST code.",
  BatchRequestRefused:
    "A well-formed Batch API request cannot be carried out now (no such pool, job or task; it already exists; its state forbids it; an etag mismatch); `details.batchCode` holds Batch's REST code.",
  AutoScaleEvaluationFailed:
    "An autoscale formula failed while running (too few samples, a wrong type, an unknown variable); reported in the pool's `autoScaleRun.error`, never thrown to API callers.",
  StorageNotFound: "A storage file, container or URL does not exist.",
  StoragePathInvalid:
    "A storage path is refused before any I/O: empty, absolute, with a `..`, `.` or empty segment, a backslash or a control character, or over 1,024 characters.",
  StorageRangeInvalid:
    "A byte range is not valid: an offset that is negative or not an integer, or an end before the start.",
  StorageAccessDenied:
    "The storage refused access (a missing, expired or too narrow SAS; file permissions), or a path leads out of the storage root through a symbolic link.",
  StorageUnavailable:
    "The storage could not be reached or failed (connection refused, timeout, a 5xx reply); retrying later may succeed.",
  StorageConflict:
    "A write could not land: a local folder holds a file where the path needs a folder (or the reverse), or another writer replaced the blob mid-upload.",
  StorageNotSupported:
    "The storage cannot do this operation: an HTTP(S) URL can only be read and stat-ed, not listed, written or deleted.",
  SqlStatementFailed:
    "A SQL store (PostgreSQL, MySQL) refused a statement: bad SQL, a missing table or column, a value its column cannot hold, a broken constraint; `details.adfCode` holds ADF's code.",
  PipelineParameterInvalid:
    "The parameters given for a pipeline run do not fit its declared parameters: a required one is missing or a value has the wrong type.",
  FactoryLoadFailed:
    "A factory folder or ARM template could not be loaded: a path that does not exist, a file that is not JSON, a malformed ARM template; `details.problems` lists each with its file and position.",
  FactoryInvalid:
    "A factory or factory resource breaks ADF's rules (a missing property, a reference to a resource that does not exist, an invalid expression...) and was not stored; `details.problems` lists every error with its file and JSON path.",
} as const satisfies Record<string, string>;

/** A stable, documented error code. */
export type ErrorCode = keyof typeof errorCodes;
