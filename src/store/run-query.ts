import { sql, type RawBuilder, type SqlBool } from "kysely";
import { SluiceError } from "../core/index.js";
import { pageSize } from "./page.js";
import { queryResumeKey, resumeAfter } from "./run-query-token.js";

/** ADF's `RunQueryFilterOperator`. */
export type FilterOperator = "Equals" | "NotEquals" | "In" | "NotIn";
/** ADF's `RunQueryOrder`. */
export type SortOrder = "ASC" | "DESC";

/** ADF's `RunQueryFilter`: `values` are strings, times in ISO 8601. */
export interface RunQueryFilter<Operand extends string> {
  readonly operand: Operand;
  readonly operator: FilterOperator;
  readonly values: readonly string[];
}

/** ADF's `RunQueryOrderBy`. */
export interface RunQueryOrderBy<Field extends string> {
  readonly orderBy: Field;
  readonly order: SortOrder;
}

/**
 * ADF's `RunFilterParameters`, with times as ms since the Unix epoch (ADF's are ISO
 * strings: the API converts). Every filter must hold (AND).
 */
export interface RunQuery<Operand extends string, Field extends string> {
  /** Only runs last updated at or after this time; default no bound. */
  readonly lastUpdatedAfter?: number;
  /** Only runs last updated at or before this time; default no bound. */
  readonly lastUpdatedBefore?: number;
  readonly filters?: readonly RunQueryFilter<Operand>[];
  /** Default: the store's documented order. Ties end in creation order. */
  readonly orderBy?: readonly RunQueryOrderBy<Field>[];
  /** The token of the previous page, asked with the same order; omit for the first page. */
  readonly continuationToken?: string;
  /** Items per page, 1 to 1000; default 1000. */
  readonly maxResults?: number;
}

/**
 * How an operand's values compare: `key` columns hold lowercased names, `caseless` ones
 * are lowercased in the query, `time` values are ISO 8601, `enum` values are one of
 * `allowed` in any case, `latestOnly` is ADF's "true" (latest runs only) or "false".
 */
export interface OperandSpec {
  readonly column: string;
  readonly kind: "key" | "caseless" | "time" | "enum" | "latestOnly";
  readonly nullable?: boolean;
  readonly allowed?: readonly string[];
}

/** A sort field: its column, the value null sorts as, and how to read it from a row. */
export interface OrderFieldSpec<Row> {
  readonly column: string;
  /** Nulls sort as this value (the same on both dialects); omit for NOT NULL columns. */
  readonly nullsAs?: number;
  readonly valueOf: (row: Row) => string | number;
}

/** What a store's runs can be filtered and ordered by. */
export interface RunQuerySpec<Operand extends string, Field extends string, Row> {
  /** For messages: `queryPipelineRuns`, `queryActivityRuns`. */
  readonly name: string;
  readonly operands: Readonly<Record<Operand, OperandSpec>>;
  readonly orderFields: Readonly<Record<Field, OrderFieldSpec<Row>>>;
  readonly defaultOrder: readonly RunQueryOrderBy<Field>[];
  /** The unique, increasing column ending every order (creation order). */
  readonly tieBreaker: OrderFieldSpec<Row>;
  readonly lastUpdatedColumn: string;
}

/** One `ORDER BY` item. */
export interface SortKey<Row> {
  readonly expr: RawBuilder<unknown>;
  readonly direction: "asc" | "desc";
  readonly valueOf: (row: Row) => string | number;
}

/** A query's WHERE conditions, order and page size, ready to apply to a select. */
export interface QueryPlan<Row> {
  readonly conditions: readonly RawBuilder<SqlBool>[];
  readonly order: readonly SortKey<Row>[];
  readonly size: number;
  /** The key a page ending at `row` resumes after (for `toPage`). */
  readonly keyOf: (row: Row) => string;
}

/** Checks `query` against `spec` and plans it; an `InvalidArgument` names the field. */
export function planRunQuery<Operand extends string, Field extends string, Row>(
  spec: RunQuerySpec<Operand, Field, Row>,
  query: RunQuery<Operand, Field>,
): QueryPlan<Row> {
  const size = pageSize(query);
  const order = sortKeys(spec, query.orderBy ?? spec.defaultOrder);
  const conditions = [
    ...timeWindow(spec, query),
    ...(query.filters ?? []).map((filter, index) => filterCondition(spec, filter, index)),
  ];
  // A token resumes only the order it was made for: its values are that order's keys.
  const orderNames = (query.orderBy ?? spec.defaultOrder).map(
    (item) => `${item.orderBy}:${item.order}`,
  );
  const tokenKey = `${spec.name}|${orderNames.join(",")}`;
  if (query.continuationToken !== undefined) {
    conditions.push(resumeAfter(order, query.continuationToken, tokenKey));
  }
  return {
    conditions,
    order,
    size,
    keyOf: (row) =>
      queryResumeKey(
        tokenKey,
        order.map((key) => key.valueOf(row)),
      ),
  };
}

function sortKeys<Operand extends string, Field extends string, Row>(
  spec: RunQuerySpec<Operand, Field, Row>,
  orderBy: readonly RunQueryOrderBy<Field>[],
): SortKey<Row>[] {
  const seen = new Set<string>();
  const keys = orderBy.map((item, index) => {
    const field = spec.orderFields[item.orderBy] as OrderFieldSpec<Row> | undefined;
    if (field === undefined || !Object.hasOwn(spec.orderFields, item.orderBy)) {
      throw invalid(
        `orderBy[${index}].orderBy`,
        item.orderBy,
        Object.keys(spec.orderFields),
        spec.name,
      );
    }
    if (item.order !== "ASC" && item.order !== "DESC") {
      throw invalid(`orderBy[${index}].order`, item.order, ["ASC", "DESC"], spec.name);
    }
    if (seen.has(item.orderBy)) {
      throw new SluiceError(
        "InvalidArgument",
        `${spec.name}: orderBy[${index}] repeats ${item.orderBy}; name each field once.`,
        {
          details: { field: `orderBy[${index}].orderBy`, value: item.orderBy },
        },
      );
    }
    seen.add(item.orderBy);
    return sortKey(field, item.order === "DESC" ? "desc" : "asc");
  });
  return [...keys, sortKey(spec.tieBreaker, "asc")];
}

function sortKey<Row>(field: OrderFieldSpec<Row>, direction: "asc" | "desc"): SortKey<Row> {
  const column = sql.ref(field.column);
  const expr =
    field.nullsAs === undefined ? column : sql`coalesce(${column}, ${sql.lit(field.nullsAs)})`;
  const valueOf = field.valueOf;
  return { expr, direction, valueOf };
}

function timeWindow<Operand extends string, Field extends string, Row>(
  spec: RunQuerySpec<Operand, Field, Row>,
  query: RunQuery<Operand, Field>,
): RawBuilder<SqlBool>[] {
  const column = sql.ref(spec.lastUpdatedColumn);
  const conditions: RawBuilder<SqlBool>[] = [];
  if (query.lastUpdatedAfter !== undefined) {
    conditions.push(
      sql<SqlBool>`${column} >= ${timeBound("lastUpdatedAfter", query.lastUpdatedAfter)}`,
    );
  }
  if (query.lastUpdatedBefore !== undefined) {
    conditions.push(
      sql<SqlBool>`${column} <= ${timeBound("lastUpdatedBefore", query.lastUpdatedBefore)}`,
    );
  }
  return conditions;
}

function timeBound(field: string, value: number): number {
  if (!Number.isSafeInteger(value)) {
    throw new SluiceError(
      "InvalidArgument",
      `${field} is ${String(value)}; it must be a time in ms since the Unix epoch.`,
      {
        details: { field, value },
      },
    );
  }
  return value;
}

const operators: readonly FilterOperator[] = ["Equals", "NotEquals", "In", "NotIn"];

function filterCondition<Operand extends string, Field extends string, Row>(
  spec: RunQuerySpec<Operand, Field, Row>,
  filter: RunQueryFilter<Operand>,
  index: number,
): RawBuilder<SqlBool> {
  const where = `filters[${index}]`;
  const operand = spec.operands[filter.operand] as OperandSpec | undefined;
  if (operand === undefined || !Object.hasOwn(spec.operands, filter.operand)) {
    throw invalid(`${where}.operand`, filter.operand, Object.keys(spec.operands), spec.name);
  }
  if (!operators.includes(filter.operator))
    throw invalid(`${where}.operator`, filter.operator, operators, spec.name);
  if (!Array.isArray(filter.values) || filter.values.length === 0) {
    throw new SluiceError(
      "InvalidArgument",
      `${spec.name}: ${where}.values is empty; give at least one value.`,
      {
        details: { field: `${where}.values` },
      },
    );
  }
  const values = filter.values.map((value, valueIndex) =>
    filterValue(operand, value, `${where}.values[${valueIndex}]`, spec.name),
  );
  return condition(operand, filter.operator, values);
}

function condition(
  operand: OperandSpec,
  operator: FilterOperator,
  values: readonly (string | number)[],
): RawBuilder<SqlBool> {
  if (operand.kind === "latestOnly") {
    // "false" asks for every run, latest or not.
    return values.includes(1) === (operator === "Equals" || operator === "In")
      ? sql<SqlBool>`${sql.ref(operand.column)} = 1`
      : sql<SqlBool>`1 = 1`;
  }
  const column =
    operand.kind === "caseless" ? sql`lower(${sql.ref(operand.column)})` : sql.ref(operand.column);
  const list = sql.join(values.map((value) => sql`${value}`));
  if (operator === "Equals" || operator === "In") return sql<SqlBool>`${column} in (${list})`;
  // SQL's NOT IN is unknown for NULL; a run without an end time is not equal to any time.
  return operand.nullable === true
    ? sql<SqlBool>`(${column} is null or ${column} not in (${list}))`
    : sql<SqlBool>`${column} not in (${list})`;
}

/** A filter value as the column holds it. */
export function filterValue(
  operand: OperandSpec,
  value: string,
  field: string,
  name: string,
): string | number {
  if (typeof value !== "string") throw invalid(field, String(value), ["a string"], name);
  switch (operand.kind) {
    case "key":
    case "caseless":
      return value.toLowerCase();
    case "time": {
      const ms = Date.parse(value);
      if (Number.isNaN(ms))
        throw invalid(field, value, ["an ISO 8601 time, such as 2026-01-01T00:00:00Z"], name);
      return ms;
    }
    case "enum": {
      const match = operand.allowed?.find(
        (allowed) => allowed.toLowerCase() === value.toLowerCase(),
      );
      if (match === undefined) throw invalid(field, value, operand.allowed ?? [], name);
      return match;
    }
    case "latestOnly": {
      const lowered = value.toLowerCase();
      if (lowered !== "true" && lowered !== "false")
        throw invalid(field, value, ["true", "false"], name);
      return lowered === "true" ? 1 : 0;
    }
  }
}

function invalid(
  field: string,
  value: string,
  allowed: readonly string[],
  name: string,
): SluiceError {
  return new SluiceError(
    "InvalidArgument",
    `${name}: ${field} is "${value}"; allowed: ${allowed.join(", ")}.`,
    { details: { field, value, allowed: [...allowed] } },
  );
}
