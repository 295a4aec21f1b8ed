import { sql, type RawBuilder, type SqlBool } from "kysely";
import { SluiceError } from "../core/index.js";
import { decodeContinuationToken } from "./page.js";

/** A sort key's SQL and direction, as the keyset condition needs them. */
export interface KeysetKey {
  readonly expr: RawBuilder<unknown>;
  readonly direction: "asc" | "desc";
}

/**
 * The key a page whose last row has these sort `values` resumes after, for the order named
 * `orderKey` (`toPage` wraps it into the opaque continuation token).
 */
export function queryResumeKey(orderKey: string, values: readonly (string | number)[]): string {
  return JSON.stringify({ order: orderKey, values });
}

/** The sort values a token holds; rejects a token of another order or shape. */
export function tokenValues(token: string, orderKey: string, count: number): (string | number)[] {
  const text = decodeContinuationToken(token);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw badToken(token, cause);
  }
  const { order, values } = (parsed ?? {}) as { order?: unknown; values?: unknown };
  if (order !== orderKey) throw badToken(token);
  if (!Array.isArray(values) || values.length !== count) throw badToken(token);
  if (!values.every((value) => typeof value === "string" || typeof value === "number")) {
    throw badToken(token);
  }
  return values as (string | number)[];
}

/**
 * Keyset paging over a mixed ASC/DESC order: the rows after `values`, i.e.
 * `(k1 > v1) OR (k1 = v1 AND k2 > v2) OR ...`, with `<` for descending keys. The last key
 * is unique, so no row is returned twice or skipped while rows are added.
 */
export function resumeAfter(
  keys: readonly KeysetKey[],
  token: string,
  orderKey: string,
): RawBuilder<SqlBool> {
  const values = tokenValues(token, orderKey, keys.length);
  const branches = keys.map((key, index) => {
    const equal = keys.slice(0, index).map((previous, at) => sql`${previous.expr} = ${values[at]}`);
    const after = sql`${key.expr} ${sql.raw(key.direction === "asc" ? ">" : "<")} ${values[index]}`;
    return sql`(${sql.join([...equal, after], sql` and `)})`;
  });
  return sql<SqlBool>`(${sql.join(branches, sql` or `)})`;
}

function badToken(token: string, cause?: unknown): SluiceError {
  return new SluiceError(
    "InvalidArgument",
    `continuationToken "${token}" is not a token this query returned with the same orderBy; pass the token from the previous page unchanged, with the same orderBy.`,
    { details: { field: "continuationToken", value: token }, cause },
  );
}
