import {
  endReached,
  readValue,
  type PageResponse,
  type Pagination,
  type PaginationRule,
} from "./pagination.js";

/** One request of a paginated read. */
export interface PageRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * The first request: `base` with every RANGE rule at its start value (placeholders such as
 * `{offset}` filled in); body and header rules only apply from the second page on.
 */
export function firstRequest(base: PageRequest, pagination: Pagination): PageRequest {
  const values = pagination.rules.flatMap((rule) =>
    rule.value.kind === "range" ? [{ rule, value: String(rule.value.start) }] : [],
  );
  return applyRules(base, base.url, values);
}

/**
 * The request after `done` requests whose last answer was `response`, or undefined when the
 * pagination ends: MaxRequestNumber reached, an end condition met, a range past its end, a
 * body or header value missing (ADF stops when a rule's JSONPath gives null), or, with no
 * rules, no RFC 5988 `Link: <...>; rel="next"` header.
 */
export function nextRequest(
  base: PageRequest,
  pagination: Pagination,
  previous: PageRequest,
  response: PageResponse,
  done: number,
): PageRequest | undefined {
  if (pagination.maxRequests !== undefined && done >= pagination.maxRequests) return undefined;
  if (endReached(pagination, response)) return undefined;
  const rules = pagination.rules;
  let start = base.url;
  if (pagination.rfc5988) {
    const link = nextLink(response.headers.get("link"));
    if (link === undefined && rules.length === 0) return undefined;
    if (link !== undefined) start = new URL(link, previous.url).href;
  }
  if (rules.length === 0) return { url: start, headers: base.headers };
  const values: RuleValueText[] = [];
  for (const rule of rules) {
    const value = ruleText(rule, response, done);
    if (value === undefined) return undefined;
    values.push({ rule, value });
  }
  return applyRules(base, start, values);
}

interface RuleValueText {
  readonly rule: PaginationRule;
  readonly value: string;
}

function ruleText(rule: PaginationRule, response: PageResponse, done: number): string | undefined {
  if (rule.value.kind !== "range") {
    const found = readValue(rule.value, response);
    return found === undefined || found === "" ? undefined : String(found);
  }
  const value = rule.value.start + done * rule.value.step;
  return rule.value.end !== undefined && value > rule.value.end ? undefined : String(value);
}

function applyRules(
  base: PageRequest,
  startUrl: string,
  values: readonly RuleValueText[],
): PageRequest {
  let url = startUrl;
  const headers: Record<string, string> = { ...base.headers };
  // The next URL comes first, so query and placeholder rules apply to it.
  for (const { rule, value } of values) {
    if (rule.target.kind === "url") url = new URL(value, url).href;
  }
  for (const { rule, value } of values) {
    const target = rule.target;
    if (target.kind === "placeholder") {
      url = url.replaceAll(`{${target.name}}`, encodeURIComponent(value));
      for (const [name, text] of Object.entries(headers)) {
        headers[name] = text.replaceAll(`{${target.name}}`, value);
      }
    } else if (target.kind === "query") {
      const next = new URL(url);
      next.searchParams.set(target.name, value);
      url = next.href;
    } else if (target.kind === "header") {
      headers[target.name] = value;
    }
  }
  return { url, headers };
}

/** The `rel="next"` target of an RFC 5988 `Link` header. */
export function nextLink(header: string | null): string | undefined {
  if (header === null) return undefined;
  for (const part of header.split(",")) {
    const match = /<([^>]*)>\s*;(.*)$/u.exec(part.trim());
    if (match?.[1] !== undefined && /rel\s*=\s*"?next"?/iu.test(match[2] ?? "")) return match[1];
  }
  return undefined;
}
