import { SluiceError, isSluiceError } from "../../../core/index.js";
import type { CopySide } from "../copy-error.js";
import type { SqlEndpoint } from "./sql-endpoint.js";

/** What a driver error carries that tells its kind (pg: `code` SQLSTATE; mysql2: `errno`). */
interface DriverError {
  readonly code?: unknown;
  readonly errno?: unknown;
  readonly sqlState?: unknown;
  readonly message?: unknown;
}

const unreachable = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ETIMEDOUT",
  "ECONNRESET",
  "EAI_AGAIN",
]);

/**
 * A failure to connect as ADF reports it for SQL stores (`SqlFailedToConnect`): a wrong
 * user or password is the user's (`StorageAccessDenied`), an unreachable server a system
 * error (`StorageUnavailable`, retryable). The message names the server and user, never
 * the password.
 */
export function connectError(error: unknown, endpoint: SqlEndpoint, side: CopySide): SluiceError {
  if (isSluiceError(error)) return error;
  const where = `${endpoint.host}:${endpoint.port}, database '${endpoint.database}', user '${endpoint.user}'`;
  const driver = (error ?? {}) as DriverError;
  const reason = error instanceof Error ? error.message : String(error);
  const state = String(driver.code ?? "");
  const denied = ["28P01", "28000", "3D000", "ER_ACCESS_DENIED_ERROR", "ER_BAD_DB_ERROR"];
  // Anything but a refused login (unreachable, timed out, reset) may pass on a retry.
  const code = denied.includes(state) ? "StorageAccessDenied" : "StorageUnavailable";
  const text = redact(reason, endpoint.password);
  return new SluiceError(
    code,
    `Cannot connect to the ${endpoint.dialect === "postgres" ? "PostgreSQL" : "MySQL"} server at ${where}: ${text}`,
    { details: { adfCode: "SqlFailedToConnect", side }, cause: error },
  );
}

// PostgreSQL SQLSTATE class 22 (data exception) and MySQL's conversion errnos are values a
// column cannot hold: ADF's TypeConversionFailure. Anything else is SqlOperationFailed.
const mysqlConversion = new Set([1264, 1265, 1292, 1366, 1367, 1406, 1411, 1048]);

/** A statement's failure, in ADF's terms, on `side`; never holds a password. */
export function statementError(error: unknown, side: CopySide, password = ""): SluiceError {
  if (isSluiceError(error)) return error;
  const driver = (error ?? {}) as DriverError;
  const state = String(driver.code ?? "");
  if (unreachable.has(state)) {
    return new SluiceError("StorageUnavailable", `The SQL server connection failed: ${state}.`, {
      details: { adfCode: "SqlFailedToConnect", side },
      cause: error,
    });
  }
  const conversion =
    /^22/u.test(state) || (typeof driver.errno === "number" && mysqlConversion.has(driver.errno));
  const reason = redact(error instanceof Error ? error.message : String(error), password);
  const code = conversion ? "TypeConversionFailure" : "SqlOperationFailed";
  const sqlState = typeof driver.sqlState === "string" ? driver.sqlState : state;
  return new SluiceError("SqlStatementFailed", reason, {
    details: { adfCode: code, side, ...(sqlState === "" ? {} : { sqlState }) },
    cause: error,
  });
}

function redact(text: string, secret: string): string {
  return secret === "" ? text : text.replaceAll(secret, "***");
}
