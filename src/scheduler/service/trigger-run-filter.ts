// ADF's `RunFilterParameters` body of `queryTriggerRuns` as the trigger store's query. As for
// pipeline runs, Sluice makes `lastUpdatedAfter`/`lastUpdatedBefore` optional (no bound when
// absent). Operands: TriggerName and Status with Equals, NotEquals, In, NotIn; orderBy:
// TriggerRunTimestamp ASC or DESC. ADF's TriggerRunTimestamp filter operand is refused with a
// clear message (use lastUpdatedAfter/Before): the store indexes runs by update time.
import { SluiceError } from "../../core/index.js";
import { parseIsoTime } from "../../factory/index.js";
import type { TriggerRunQuery, TriggerRunStatus } from "../../store/index.js";

const where = "queryTriggerRuns";
const operands = ["TriggerName", "Status"] as const;
const operators = ["Equals", "NotEquals", "In", "NotIn"] as const;
const orderFields = ["TriggerRunTimestamp"] as const;
const orders = ["ASC", "DESC"] as const;

/** Every status a trigger run (or tumbling window) can have. */
export const triggerRunStatuses: readonly TriggerRunStatus[] = [
  "Inprogress",
  "Succeeded",
  "Failed",
  "Waiting",
  "WaitingOnDependency",
  "Running",
  "Cancelled",
];

function refuse(field: string, value: unknown, allowed: readonly string[]): SluiceError {
  const shown = value === undefined ? "missing" : JSON.stringify(value);
  return new SluiceError(
    "InvalidArgument",
    `${where}: ${field} is ${shown}; allowed: ${allowed.join(", ")}.`,
    { details: { field, value: shown, allowed: [...allowed] } },
  );
}

function named<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  const found =
    typeof value === "string"
      ? allowed.find((a) => a.toLowerCase() === value.toLowerCase())
      : undefined;
  if (found === undefined) throw refuse(field, value, allowed);
  return found;
}

function time(field: string, value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  const ms = typeof value === "string" ? parseIsoTime(value) : undefined;
  if (ms === undefined) throw refuse(field, value, ["an ISO 8601 time such as 2026-01-01T00:00Z"]);
  return ms;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

interface Accumulated {
  names?: string[];
  notNames: string[];
  statuses?: TriggerRunStatus[];
}

function applyFilter(item: unknown, index: number, into: Accumulated): void {
  const at = `filters[${index}]`;
  if (!isObject(item)) throw refuse(at, item, ["an object { operand, operator, values }"]);
  if (typeof item.operand === "string" && item.operand.toLowerCase() === "triggerruntimestamp")
    throw refuse(`${at}.operand`, item.operand, [
      ...operands,
      "(filter on time with lastUpdatedAfter and lastUpdatedBefore)",
    ]);
  const operand = named(`${at}.operand`, item.operand, operands);
  const operator = named(`${at}.operator`, item.operator, operators);
  const values = item.values;
  if (!Array.isArray(values) || values.length === 0 || values.some((v) => typeof v !== "string"))
    throw refuse(`${at}.values`, values, ["a non-empty array of strings"]);
  const texts = values as string[];
  const negate = operator === "NotEquals" || operator === "NotIn";
  if (operand === "TriggerName") {
    if (negate) into.notNames.push(...texts);
    else into.names = (into.names ?? texts).filter((n) => texts.includes(n));
    return;
  }
  const chosen = texts.map((s, i) => named(`${at}.values[${i}]`, s, triggerRunStatuses));
  const kept = negate ? triggerRunStatuses.filter((s) => !chosen.includes(s)) : chosen;
  into.statuses = (into.statuses ?? kept).filter((s) => kept.includes(s));
}

/** The body as a store query; `InvalidArgument` naming the field otherwise. */
export function triggerRunQueryOf(body: unknown): TriggerRunQuery & { readonly empty: boolean } {
  const fields = body === undefined || body === null ? {} : body;
  if (!isObject(fields)) throw refuse("body", body, ["a RunFilterParameters JSON object"]);
  const after = time("lastUpdatedAfter", fields.lastUpdatedAfter) ?? 0;
  const before = time("lastUpdatedBefore", fields.lastUpdatedBefore) ?? Number.MAX_SAFE_INTEGER;
  if (after > before)
    throw refuse("lastUpdatedAfter", fields.lastUpdatedAfter, ["a time before lastUpdatedBefore"]);
  const into: Accumulated = { notNames: [] };
  const filters = fields.filters ?? [];
  if (!Array.isArray(filters)) throw refuse("filters", filters, ["an array"]);
  filters.forEach((item, i) => applyFilter(item, i, into));
  const orderBy = fields.orderBy ?? [];
  if (!Array.isArray(orderBy)) throw refuse("orderBy", orderBy, ["an array"]);
  let order: "ASC" | "DESC" = "DESC";
  orderBy.forEach((item: unknown, i) => {
    if (!isObject(item)) throw refuse(`orderBy[${i}]`, item, ["an object { orderBy, order }"]);
    named(`orderBy[${i}].orderBy`, item.orderBy, orderFields);
    order = named(`orderBy[${i}].order`, item.order, orders);
  });
  const token = fields.continuationToken;
  if (token !== undefined && token !== null && typeof token !== "string")
    throw refuse("continuationToken", token, ["the token of the previous page", "null"]);
  return {
    lastUpdatedAfter: after,
    lastUpdatedBefore: before,
    order,
    // A filter no run can match (In [] after intersecting) answers with no runs.
    empty: into.names?.length === 0 || into.statuses?.length === 0,
    ...(into.names === undefined ? {} : { triggerNames: into.names }),
    ...(into.notNames.length === 0 ? {} : { excludeTriggerNames: into.notNames }),
    ...(into.statuses === undefined ? {} : { statuses: into.statuses }),
    ...(typeof token === "string" && token !== "" ? { continuationToken: token } : {}),
  };
}
