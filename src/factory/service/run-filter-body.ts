// ADF's `RunFilterParameters` request body as the store's run query. ADF requires
// `lastUpdatedAfter` and `lastUpdatedBefore`; Sluice makes them optional (no bound when
// absent), because a local factory's whole history is small enough to list and the CLI and
// tests should not have to invent a window. When given they are checked as strictly as ADF.
import { SluiceError } from "../../core/index.js";
import type {
  ActivityRunOperand,
  ActivityRunOrderField,
  ActivityRunQuery,
  FilterOperator,
  PipelineRunOperand,
  PipelineRunOrderField,
  PipelineRunQuery,
  RunQuery,
  RunQueryFilter,
  RunQueryOrderBy,
  SortOrder,
} from "../../store/index.js";

/** What one query accepts: its name (for messages), operands and order fields. */
interface FilterSpec<Operand extends string, Field extends string> {
  readonly name: string;
  readonly operands: readonly Operand[];
  /** Operands whose values are times (ISO 8601, normalised to UTC). */
  readonly timeOperands: readonly Operand[];
  readonly orderFields: readonly Field[];
}

const pipelineRunSpec: FilterSpec<PipelineRunOperand, PipelineRunOrderField> = {
  name: "queryPipelineRuns",
  operands: [
    "PipelineName",
    "Status",
    "RunStart",
    "RunEnd",
    "RunGroupId",
    "TriggerName",
    "LatestOnly",
  ],
  timeOperands: ["RunStart", "RunEnd"],
  orderFields: ["RunStart", "RunEnd", "PipelineName", "Status"],
};

const activityRunSpec: FilterSpec<ActivityRunOperand, ActivityRunOrderField> = {
  name: "queryActivityRuns",
  operands: ["ActivityName", "ActivityType", "Status", "ActivityRunStart", "ActivityRunEnd"],
  timeOperands: ["ActivityRunStart", "ActivityRunEnd"],
  orderFields: ["ActivityRunStart", "ActivityRunEnd", "ActivityName", "Status"],
};

const operators: readonly FilterOperator[] = ["Equals", "NotEquals", "In", "NotIn"];
const orders: readonly SortOrder[] = ["ASC", "DESC"];
const isoExample = "an ISO 8601 time such as 2026-01-01T00:00:00Z";

/** The body of `POST queryPipelineRuns` as a store query; `InvalidArgument` names the field. */
export function pipelineRunQueryOf(body: unknown): PipelineRunQuery {
  return runQueryOf(body, pipelineRunSpec);
}

/** The body of `POST pipelineruns/{runId}/queryActivityruns` as a store query. */
export function activityRunQueryOf(body: unknown): ActivityRunQuery {
  return runQueryOf(body, activityRunSpec);
}

/**
 * Reads the body: names (operands, operators, order fields, ASC/DESC) in any case, as ADF
 * takes them, returned in ADF's spelling; times as ISO 8601 (without an offset they are UTC,
 * as in ADF); `continuationToken` null or absent for the first page. Unknown fields are
 * ignored, as ADF ignores them. No body at all is a query without bounds.
 */
function runQueryOf<Operand extends string, Field extends string>(
  body: unknown,
  spec: FilterSpec<Operand, Field>,
): RunQuery<Operand, Field> {
  if (body === undefined || body === null) return {};
  if (typeof body !== "object" || Array.isArray(body)) {
    throw invalid(spec, "body", jsonText(body), ["a RunFilterParameters JSON object"]);
  }
  const fields = body as Record<string, unknown>;
  const after = optionalTime(spec, "lastUpdatedAfter", fields.lastUpdatedAfter);
  const before = optionalTime(spec, "lastUpdatedBefore", fields.lastUpdatedBefore);
  if (after !== undefined && before !== undefined && after > before) {
    throw new SluiceError(
      "InvalidArgument",
      `${spec.name}: lastUpdatedAfter (${String(fields.lastUpdatedAfter)}) is later than lastUpdatedBefore (${String(fields.lastUpdatedBefore)}); give a window whose start is not after its end.`,
      { details: { field: "lastUpdatedAfter", value: fields.lastUpdatedAfter } },
    );
  }
  const filters = optionalArray(spec, "filters", fields.filters)?.map((item, index) =>
    filterOf(spec, item, index),
  );
  const orderBy = optionalArray(spec, "orderBy", fields.orderBy)?.map((item, index) =>
    orderByOf(spec, item, index),
  );
  const token = fields.continuationToken;
  if (token !== undefined && token !== null && typeof token !== "string") {
    throw invalid(spec, "continuationToken", jsonText(token), [
      "the token of the previous page",
      "null",
    ]);
  }
  return {
    ...(after === undefined ? {} : { lastUpdatedAfter: after }),
    ...(before === undefined ? {} : { lastUpdatedBefore: before }),
    ...(filters === undefined ? {} : { filters }),
    ...(orderBy === undefined ? {} : { orderBy }),
    ...(typeof token === "string" && token !== "" ? { continuationToken: token } : {}),
  };
}

function filterOf<Operand extends string, Field extends string>(
  spec: FilterSpec<Operand, Field>,
  item: unknown,
  index: number,
): RunQueryFilter<Operand> {
  const where = `filters[${index}]`;
  const fields = objectAt(spec, where, item, "an object { operand, operator, values }");
  const operand = named(spec, `${where}.operand`, fields.operand, spec.operands);
  const operator = named(spec, `${where}.operator`, fields.operator, operators);
  const values = fields.values;
  if (!Array.isArray(values) || values.length === 0) {
    throw invalid(spec, `${where}.values`, jsonText(values), ["a non-empty array of strings"]);
  }
  const isTime = spec.timeOperands.includes(operand);
  return {
    operand,
    operator,
    values: values.map((value: unknown, at) => {
      const field = `${where}.values[${at}]`;
      const text = valueText(spec, field, value);
      return isTime ? new Date(timeMs(spec, field, text)).toISOString() : text;
    }),
  };
}

function orderByOf<Operand extends string, Field extends string>(
  spec: FilterSpec<Operand, Field>,
  item: unknown,
  index: number,
): RunQueryOrderBy<Field> {
  const where = `orderBy[${index}]`;
  const fields = objectAt(spec, where, item, "an object { orderBy, order }");
  return {
    orderBy: named(spec, `${where}.orderBy`, fields.orderBy, spec.orderFields),
    order: named(spec, `${where}.order`, fields.order, orders),
  };
}

/** One of `allowed`, matched in any case, in its canonical spelling. */
function named<Operand extends string, Field extends string, T extends string>(
  spec: FilterSpec<Operand, Field>,
  field: string,
  value: unknown,
  allowed: readonly T[],
): T {
  const found =
    typeof value === "string"
      ? allowed.find((name) => name.toLowerCase() === value.toLowerCase())
      : undefined;
  if (found === undefined) throw invalid(spec, field, jsonText(value), allowed);
  return found;
}

/** Filter values are strings in ADF; numbers and booleans are taken as their text. */
function valueText<Operand extends string, Field extends string>(
  spec: FilterSpec<Operand, Field>,
  field: string,
  value: unknown,
): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw invalid(spec, field, jsonText(value), ["a string"]);
}

function optionalTime<Operand extends string, Field extends string>(
  spec: FilterSpec<Operand, Field>,
  field: string,
  value: unknown,
): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalid(spec, field, jsonText(value), [isoExample]);
  return timeMs(spec, field, value);
}

const isoPattern =
  /^(\d{4}-\d{2}-\d{2})(?:[Tt ](\d{2}:\d{2})(:\d{2})?(?:\.(\d+))?)?\s*([Zz]|[+-]\d{2}:?\d{2})?$/;

/**
 * ISO 8601 text as ms since the epoch. ADF (.NET) reads a time without an offset as UTC and
 * writes 7 fractional digits; JavaScript would read the first as local time, so the text is
 * rebuilt before parsing. Dates alone (`2026-01-01`) are midnight UTC.
 */
export function parseIsoTime(text: string): number | undefined {
  const match = isoPattern.exec(text.trim());
  if (match === null) return undefined;
  const [, date, hourMinute = "00:00", seconds = ":00", fraction = "", zone = "Z"] = match;
  const offset = /^[+-]\d{4}$/.test(zone) ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  const millis = fraction.padEnd(3, "0").slice(0, 3);
  const ms = Date.parse(`${date}T${hourMinute}${seconds}.${millis}${offset.toUpperCase()}`);
  // Date.parse rolls some impossible dates over (Feb 30): the date must survive the trip.
  if (Number.isNaN(ms) || !sameDate(date ?? "", ms, offset)) return undefined;
  return ms;
}

function sameDate(date: string, ms: number, offset: string): boolean {
  if (offset.toUpperCase() !== "Z") return true;
  return new Date(ms).toISOString().slice(0, 10) === date;
}

function timeMs<Operand extends string, Field extends string>(
  spec: FilterSpec<Operand, Field>,
  field: string,
  text: string,
): number {
  const ms = parseIsoTime(text);
  if (ms === undefined) throw invalid(spec, field, jsonText(text), [isoExample]);
  return ms;
}

function optionalArray<Operand extends string, Field extends string>(
  spec: FilterSpec<Operand, Field>,
  field: string,
  value: unknown,
): readonly unknown[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw invalid(spec, field, jsonText(value), ["an array"]);
  return value;
}

function objectAt<Operand extends string, Field extends string>(
  spec: FilterSpec<Operand, Field>,
  field: string,
  value: unknown,
  expected: string,
): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalid(spec, field, jsonText(value), [expected]);
  }
  return value as Record<string, unknown>;
}

function invalid<Operand extends string, Field extends string>(
  spec: FilterSpec<Operand, Field>,
  field: string,
  value: string,
  allowed: readonly string[],
): SluiceError {
  return new SluiceError(
    "InvalidArgument",
    `${spec.name}: ${field} is ${value}; allowed: ${allowed.join(", ")}.`,
    { details: { field, value, allowed: [...allowed] } },
  );
}

/** A value as it appears in a message: strings quoted, anything else as its JSON. */
function jsonText(value: unknown): string {
  if (value === undefined) return "missing";
  return typeof value === "string" ? `"${value}"` : JSON.stringify(value);
}
