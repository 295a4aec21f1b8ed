import { SluiceError } from "../../../core/index.js";
import { connectionStringParts } from "../../connections/connection-string.js";
import type { ResolvedDefinition } from "../../connections/resolve-definition.js";
import { optionalSecretText, secretText } from "../../connections/secret-value.js";

/** The database engines Sluice speaks to. */
export type SqlDialect = "postgres" | "mysql";

/** Where and how to connect to a database; `password` never goes into a message. */
export interface SqlEndpoint {
  readonly dialect: SqlDialect;
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  readonly password: string;
  /**
   * TLS: `disable`; `prefer` (Sluice connects in plain text: the drivers have no fallback);
   * `require` (TLS, certificate not checked); `verify` (TLS, certificate checked).
   */
  readonly ssl: "disable" | "prefer" | "require" | "verify";
  /** PostgreSQL `schema` (search path) of the linked service, if given. */
  readonly schema?: string;
  /** Seconds to wait for a connection; default 15. */
  readonly connectTimeoutSeconds: number;
}

/** Linked service types of SQL stores, by dialect (compared case-insensitively). */
export const sqlLinkedServiceTypes: Readonly<Record<string, SqlDialect>> = {
  postgresql: "postgres",
  postgresqlv2: "postgres",
  azurepostgresql: "postgres",
  mysql: "mysql",
  azuremysql: "mysql",
};

/** True when a linked service type is a SQL store Sluice connects to. */
export function isSqlLinkedService(type: string): boolean {
  return sqlLinkedServiceTypes[type.toLowerCase()] !== undefined;
}

/**
 * Reads a SQL linked service (parameters bound, expressions resolved): a `connectionString`
 * (Npgsql's `host=...;database=...;port=...;uid=...;password=...` or MySQL's
 * `Server=...;Port=...;Database=...;UID=...;PWD=...`, keys in any case), or the newer
 * properties `server`, `port`, `database`, `username`, `password`, `sslMode`. A separate
 * `password` (plain or SecureString) fills a connection string without one. Errors name
 * the property, never a secret.
 */
export function sqlEndpointOf(service: ResolvedDefinition): SqlEndpoint {
  const dialect = sqlLinkedServiceTypes[service.type.toLowerCase()];
  if (dialect === undefined) {
    throw new SluiceError(
      "InvalidArgument",
      `Linked service '${service.name}' is of type '${service.type}', which is not a SQL store; supported: PostgreSql, PostgreSqlV2, AzurePostgreSql, MySql, AzureMySql.`,
      { details: { field: "type", value: service.type } },
    );
  }
  const props = service.typeProperties;
  const field = (name: string): string => `linked service '${service.name}' typeProperties.${name}`;
  const parts =
    props.connectionString === undefined || props.connectionString === null
      ? new Map<string, string>()
      : connectionStringParts(secretText(props.connectionString, field("connectionString")));
  const pick = (...keys: string[]): string | undefined => {
    for (const key of keys) {
      const value = parts.get(key);
      if (value !== undefined && value !== "") return value;
    }
    return undefined;
  };
  const text = (value: unknown): string | undefined =>
    typeof value === "string" || typeof value === "number" ? String(value) : undefined;
  const server = text(props.server) ?? pick("host", "server", "data source", "datasource");
  const [host, portInHost] = splitHostPort(server);
  const port = Number(text(props.port) ?? portInHost ?? pick("port") ?? defaultPort[dialect]);
  const database = text(props.database) ?? pick("database", "db", "initial catalog");
  const user = text(props.username) ?? pick("uid", "user id", "userid", "username", "user");
  const password =
    optionalSecretText(props.password, field("password")) ?? pick("password", "pwd") ?? "";
  requireValue(host, field(props.connectionString === undefined ? "server" : "connectionString"));
  requireValue(database, field("database"));
  requireValue(user, field("username"));
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new SluiceError("InvalidArgument", `${field("port")} must be a TCP port (1-65535).`, {
      details: { field: field("port") },
    });
  }
  const schema = text(props.schema) ?? pick("searchpath", "search path");
  const timeout = Number(text(props.connectionTimeout) ?? pick("timeout", "connection timeout"));
  return {
    dialect,
    host: host as string,
    port,
    database: database as string,
    user: user as string,
    password,
    ssl: sslOf(dialect, text(props.sslMode) ?? text(props.sslmode) ?? pick("sslmode", "ssl mode")),
    ...(schema === undefined ? {} : { schema }),
    connectTimeoutSeconds: Number.isFinite(timeout) && timeout > 0 ? timeout : 15,
  };
}

const defaultPort: Record<SqlDialect, number> = { postgres: 5432, mysql: 3306 };

function splitHostPort(server: string | undefined): [string | undefined, string | undefined] {
  if (server === undefined) return [undefined, undefined];
  const match = /^([^:,]+)[:,](\d+)$/u.exec(server.trim());
  return match === null ? [server.trim(), undefined] : [match[1], match[2]];
}

function requireValue(value: string | undefined, field: string): void {
  if (value === undefined || value === "") {
    throw new SluiceError("InvalidArgument", `${field} is missing: the SQL store needs it.`, {
      details: { field },
    });
  }
}

// ADF spells the modes as names (Disable, Prefer, Require, Verify-ca...) or numbers, which
// differ: PostgreSQL 0 Disable, 1 Allow, 2 Prefer, 3 Require, 4-5 Verify; MySQL 0 Disabled,
// 1 Preferred, 2 Required, 3-4 Verify.
function sslOf(dialect: SqlDialect, mode: string | undefined): SqlEndpoint["ssl"] {
  if (mode === undefined) return "prefer";
  const value = mode.trim().toLowerCase().replaceAll("_", "-");
  const numbered = /^\d$/u.test(value) ? Number(value) : undefined;
  if (numbered !== undefined) {
    const levels: SqlEndpoint["ssl"][] =
      dialect === "postgres"
        ? ["disable", "prefer", "prefer", "require", "verify", "verify"]
        : ["disable", "prefer", "require", "verify", "verify"];
    return levels[numbered] ?? "verify";
  }
  if (["disable", "disabled", "none", "false"].includes(value)) return "disable";
  if (["allow", "prefer", "preferred"].includes(value)) return "prefer";
  if (["require", "required", "true"].includes(value)) return "require";
  return "verify";
}
