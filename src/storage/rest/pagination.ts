import { SluiceError } from "../../core/index.js";
import { parseJsonPath, valueAt, type PathStep } from "./json-path.js";

/** Where a rule reads its value: the response body (JSONPath), a response header, or a range. */
export type RuleValue =
  | { readonly kind: "body"; readonly path: PathStep[] }
  | { readonly kind: "header"; readonly name: string }
  | {
      readonly kind: "range";
      readonly start: number;
      readonly end?: number;
      readonly step: number;
    };

/** What a rule sets in the next request. */
export type RuleTarget =
  | { readonly kind: "url" }
  | { readonly kind: "placeholder"; readonly name: string }
  | { readonly kind: "query"; readonly name: string }
  | { readonly kind: "header"; readonly name: string };

export interface PaginationRule {
  readonly target: RuleTarget;
  readonly value: RuleValue;
}

/** When pagination stops, read from a response. */
export interface EndCondition {
  readonly source: RuleValue & { kind: "body" | "header" };
  readonly test: "Empty" | "NonExist" | "Exist" | { readonly equals: string };
}

/** ADF's `paginationRules`, parsed. */
export interface Pagination {
  readonly rules: readonly PaginationRule[];
  readonly ends: readonly EndCondition[];
  readonly maxRequests?: number;
  /** Follow `Link: <url>; rel="next"` headers (default when no rule is given). */
  readonly rfc5988: boolean;
}

const field = "paginationRules";

/** Parses a `paginationRules` object; throws `InvalidArgument` naming the key for a bad one. */
export function parsePagination(rules: unknown): Pagination {
  if (rules === undefined || rules === null) return { rules: [], ends: [], rfc5988: true };
  if (typeof rules !== "object" || Array.isArray(rules)) {
    throw invalid(field, rules, "an object of rule keys and values");
  }
  const parsed: PaginationRule[] = [];
  const ends: EndCondition[] = [];
  let maxRequests: number | undefined;
  let rfc5988: boolean | undefined;
  for (const [key, raw] of Object.entries(rules as Record<string, unknown>)) {
    const value = String(raw).trim();
    const name = `${field}.${key}`;
    if (key === "MaxRequestNumber") {
      maxRequests = Number(value);
      if (!Number.isInteger(maxRequests) || maxRequests < 1) {
        throw invalid(name, raw, "a whole number of requests, 1 or more");
      }
    } else if (key.toLowerCase() === "supportrfc5988") {
      rfc5988 = value.toLowerCase() === "true";
    } else if (key.startsWith("EndCondition:")) {
      ends.push(endCondition(key.slice("EndCondition:".length), value, name));
    } else {
      parsed.push({ target: targetOf(key, name), value: ruleValue(value, name) });
    }
  }
  return {
    rules: parsed,
    ends,
    ...(maxRequests === undefined ? {} : { maxRequests }),
    rfc5988: rfc5988 ?? (parsed.length === 0 && ends.length === 0),
  };
}

function targetOf(key: string, name: string): RuleTarget {
  if (key === "AbsoluteUrl") return { kind: "url" };
  const placeholder = /^(AbsoluteUrl|QueryParameters|Headers)\.\{(.+)\}$/u.exec(key);
  if (placeholder?.[2] !== undefined) return { kind: "placeholder", name: placeholder[2] };
  const named = /^(QueryParameters|Headers)(?:\.(.+)|\[\s*['"](.+)['"]\s*\])$/u.exec(key);
  const target = named?.[2] ?? named?.[3];
  if (named !== null && target !== undefined) {
    return named[1] === "Headers"
      ? { kind: "header", name: target }
      : { kind: "query", name: target };
  }
  const allowed =
    "AbsoluteUrl, AbsoluteUrl.{var}, QueryParameters.<name>, Headers.<name>, EndCondition:<path>, MaxRequestNumber, SupportRFC5988";
  throw invalid(name, key, allowed);
}

function ruleValue(value: string, name: string): RuleValue {
  if (value.startsWith("$")) return { kind: "body", path: parseJsonPath(value, name) };
  const header = /^Headers(?:\.(.+)|\[\s*['"](.+)['"]\s*\])$/iu.exec(value);
  const headerName = header?.[1] ?? header?.[2];
  if (headerName !== undefined) return { kind: "header", name: headerName };
  const range = /^RANGE:(-?\d+):(-?\d*):(\d+)$/iu.exec(value);
  if (range?.[1] !== undefined && range[3] !== undefined && Number(range[3]) > 0) {
    const end = range[2] === undefined || range[2] === "" ? undefined : Number(range[2]);
    return {
      kind: "range",
      start: Number(range[1]),
      ...(end === undefined ? {} : { end }),
      step: Number(range[3]),
    };
  }
  throw invalid(name, value, "a JSONPath ($.next), Headers.<name> or RANGE:<start>:<end>:<step>");
}

function endCondition(source: string, value: string, name: string): EndCondition {
  const from = ruleValue(source, name);
  if (from.kind === "range") throw invalid(name, source, "a JSONPath or headers.<name>");
  const constant = /^Const:(.*)$/isu.exec(value);
  if (constant?.[1] !== undefined) return { source: from, test: { equals: constant[1] } };
  const test = ["Empty", "NonExist", "Exist"].find(
    (known) => known.toLowerCase() === value.toLowerCase(),
  );
  if (test === undefined) throw invalid(name, value, "Empty, NonExist, Exist or Const:<value>");
  return { source: from, test: test as "Empty" | "NonExist" | "Exist" };
}

/** A response as pagination reads it. */
export interface PageResponse {
  readonly body: unknown;
  readonly headers: Headers;
}

/** The value a body or header rule reads from a response (undefined when absent or null). */
export function readValue(value: RuleValue, response: PageResponse): unknown {
  if (value.kind === "header") return response.headers.get(value.name) ?? undefined;
  if (value.kind === "body") return valueAt(response.body, value.path) ?? undefined;
  return undefined;
}

/** True when an end condition says the last response was the last page. */
export function endReached(pagination: Pagination, response: PageResponse): boolean {
  return pagination.ends.some(({ source, test }) => {
    const found = readValue(source, response);
    if (test === "Exist") return found !== undefined;
    if (test === "NonExist") return found === undefined;
    if (test === "Empty") {
      return (
        found === undefined ||
        found === "" ||
        (Array.isArray(found) && found.length === 0) ||
        (typeof found === "object" && found !== null && Object.keys(found).length === 0)
      );
    }
    return found !== undefined && String(found) === test.equals;
  });
}

function invalid(name: string, value: unknown, allowed: string): SluiceError {
  return new SluiceError(
    "InvalidArgument",
    `${name} ${JSON.stringify(value)} is not a pagination rule Sluice knows; expected ${allowed}.`,
    { details: { field: name, value, allowed } },
  );
}
