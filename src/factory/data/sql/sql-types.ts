/**
 * A column's type as Sluice moves it: the DuckDB type its text converts to, and ADF's
 * interim type name (what GetMetadata's `structure` shows).
 */
export interface SqlColumnType {
  readonly duck: string;
  readonly interim: string;
}

const text: SqlColumnType = { duck: "VARCHAR", interim: "String" };

const pgTypes: Readonly<Record<number, SqlColumnType>> = {
  16: { duck: "BOOLEAN", interim: "Boolean" },
  17: { duck: "BLOB", interim: "Byte[]" },
  20: { duck: "BIGINT", interim: "Int64" },
  21: { duck: "SMALLINT", interim: "Int16" },
  23: { duck: "INTEGER", interim: "Int32" },
  26: { duck: "BIGINT", interim: "Int64" },
  700: { duck: "FLOAT", interim: "Single" },
  701: { duck: "DOUBLE", interim: "Double" },
  790: { duck: "VARCHAR", interim: "Decimal" },
  1082: { duck: "DATE", interim: "DateTime" },
  1083: { duck: "TIME", interim: "TimeSpan" },
  1114: { duck: "TIMESTAMP", interim: "DateTime" },
  1184: { duck: "TIMESTAMPTZ", interim: "DateTime" },
  1186: { duck: "INTERVAL", interim: "TimeSpan" },
  2950: { duck: "UUID", interim: "Guid" },
};

const numericOid = 1700;

/**
 * The type of a PostgreSQL result column by its type OID (and modifier, which holds a
 * numeric's precision and scale). Types ADF reads as text (json, arrays, geometry, money...)
 * stay text; an unconstrained `numeric` becomes DOUBLE, as it has no fixed scale.
 */
export function postgresColumnType(oid: number, modifier: number): SqlColumnType {
  if (oid === numericOid) {
    if (modifier < 4) return { duck: "DOUBLE", interim: "Decimal" };
    const precision = ((modifier - 4) >> 16) & 0xffff;
    const scale = (modifier - 4) & 0xffff;
    return precision <= 38
      ? { duck: `DECIMAL(${precision}, ${scale})`, interim: "Decimal" }
      : { duck: "DOUBLE", interim: "Decimal" };
  }
  return pgTypes[oid] ?? text;
}

/** What a MySQL result column's definition says (mysql2's field packet, in part). */
export interface MySqlField {
  readonly columnType?: number;
  readonly type?: number;
  readonly flags: number | string[];
  readonly characterSet?: number;
  readonly decimals: number;
  readonly columnLength?: number;
}

const unsignedFlag = 32;
const binaryCharset = 63;

/** The type of a MySQL/MariaDB result column, as ADF's type mapping for MySQL reads it. */
export function mysqlColumnType(field: MySqlField): SqlColumnType {
  const code = field.columnType ?? field.type ?? 253;
  const unsigned = typeof field.flags === "number" && (field.flags & unsignedFlag) !== 0;
  switch (code) {
    case 1:
    case 2:
      return { duck: "SMALLINT", interim: "Int16" };
    case 3:
    case 9:
      return unsigned
        ? { duck: "BIGINT", interim: "Int64" }
        : { duck: "INTEGER", interim: "Int32" };
    case 13:
      return { duck: "INTEGER", interim: "Int32" };
    case 8:
      return unsigned
        ? { duck: "DECIMAL(20, 0)", interim: "Decimal" }
        : { duck: "BIGINT", interim: "Int64" };
    case 4:
      return { duck: "FLOAT", interim: "Single" };
    case 5:
      return { duck: "DOUBLE", interim: "Double" };
    case 0:
    case 246:
      return mysqlDecimal(field, unsigned);
    case 10:
      return { duck: "DATE", interim: "DateTime" };
    case 7:
    case 12:
      return { duck: "TIMESTAMP", interim: "DateTime" };
    case 11:
      return { duck: "TIME", interim: "TimeSpan" };
    case 16:
      return { duck: "BLOB", interim: "Byte[]" };
    default:
      return isBinary(code, field) ? { duck: "BLOB", interim: "Byte[]" } : text;
  }
}

function mysqlDecimal(field: MySqlField, unsigned: boolean): SqlColumnType {
  const length = field.columnLength ?? 0;
  const precision = length - (field.decimals > 0 ? 1 : 0) - (unsigned ? 0 : 1);
  if (precision < 1 || precision > 38) return { duck: "DOUBLE", interim: "Decimal" };
  return { duck: `DECIMAL(${precision}, ${field.decimals})`, interim: "Decimal" };
}

function isBinary(code: number, field: MySqlField): boolean {
  const blobs = [249, 250, 251, 252, 253, 254];
  return blobs.includes(code) && field.characterSet === binaryCharset;
}
