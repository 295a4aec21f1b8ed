import { describe, expect, it } from "vitest";
import { isSluiceError } from "../../core/index.js";
import { parseJsonPath, valueAt } from "./json-path.js";
import { firstRequest, nextLink, nextRequest, type PageRequest } from "./page-requests.js";
import { parsePagination } from "./pagination.js";

const base: PageRequest = { url: "https://api.test/v1/items?limit=2", headers: { A: "1" } };
const page = (body: unknown, headers: Record<string, string> = {}) => ({
  body,
  headers: new Headers(headers),
});

describe("JSONPath subset", () => {
  it("reads dotted, quoted and indexed steps", () => {
    const steps = parseJsonPath("$.paging['@odata.nextLink'][0].href", "rule");
    expect(steps).toEqual(["paging", "@odata.nextLink", 0, "href"]);
    expect(valueAt({ paging: { "@odata.nextLink": [{ href: "x" }] } }, steps)).toBe("x");
    expect(valueAt({ paging: {} }, steps)).toBeUndefined();
  });

  it("refuses what is not a path it reads", () => {
    const error = (() => {
      try {
        return parseJsonPath("paging.next", "paginationRules.AbsoluteUrl");
      } catch (caught) {
        return caught;
      }
    })();
    expect(isSluiceError(error, "InvalidArgument")).toBe(true);
  });
});

describe("pagination rules", () => {
  it("follows AbsoluteUrl from the body, relative to the last request, until it is missing", () => {
    const rules = parsePagination({ AbsoluteUrl: "$.next" });
    expect(rules.rfc5988).toBe(false);
    const second = nextRequest(base, rules, base, page({ next: "/v1/items?cursor=b" }), 1);
    expect(second).toEqual({ url: "https://api.test/v1/items?cursor=b", headers: { A: "1" } });
    expect(nextRequest(base, rules, base, page({ next: null }), 1)).toBeUndefined();
  });

  it("fills RANGE placeholders from the first request and stops past the end", () => {
    const template = { url: "https://api.test/t?offset={offset}", headers: {} };
    const rules = parsePagination({ "QueryParameters.{offset}": "RANGE:0:20:10" });
    expect(firstRequest(template, rules).url).toBe("https://api.test/t?offset=0");
    const previous = firstRequest(template, rules);
    expect(nextRequest(template, rules, previous, page({}), 2)?.url).toBe(
      "https://api.test/t?offset=20",
    );
    expect(nextRequest(template, rules, previous, page({}), 3)).toBeUndefined();
  });

  it("sets named query parameters and headers from the body or response headers", () => {
    const rules = parsePagination({
      "QueryParameters.cursor": "$.meta.cursor",
      "Headers['X-Page']": "Headers.x-next-page",
    });
    const next = nextRequest(
      base,
      rules,
      base,
      page({ meta: { cursor: "c2" } }, { "x-next-page": "2" }),
      1,
    );
    expect(next).toEqual({
      url: "https://api.test/v1/items?limit=2&cursor=c2",
      headers: { A: "1", "X-Page": "2" },
    });
  });

  it("ends on EndCondition (Empty, NonExist, Exist, Const) and MaxRequestNumber", () => {
    const range = { "QueryParameters.page": "RANGE:1::1" };
    const ends = (condition: Record<string, string>, body: unknown) =>
      nextRequest(base, parsePagination({ ...range, ...condition }), base, page(body), 1);
    expect(ends({ "EndCondition:$.data": "Empty" }, { data: [] })).toBeUndefined();
    expect(ends({ "EndCondition:$.data": "Empty" }, { data: [1] })).toBeDefined();
    expect(ends({ "EndCondition:$.data": "NonExist" }, {})).toBeUndefined();
    expect(ends({ "EndCondition:$.done": "Exist" }, { done: false })).toBeUndefined();
    expect(ends({ "EndCondition:$.done": "Const:true" }, { done: true })).toBeUndefined();
    expect(ends({ "EndCondition:$.done": "Const:true" }, { done: false })).toBeDefined();
    const capped = parsePagination({ ...range, MaxRequestNumber: "2" });
    expect(nextRequest(base, capped, base, page({}), 2)).toBeUndefined();
  });

  it("follows RFC 5988 next links when no rule is given", () => {
    const rules = parsePagination(undefined);
    expect(rules.rfc5988).toBe(true);
    const link =
      '<https://api.test/v1/items?page=2>; rel="next", <https://api.test/v1/items?page=9>; rel="last"';
    expect(nextLink(link)).toBe("https://api.test/v1/items?page=2");
    expect(nextRequest(base, rules, base, page({}, { link }), 1)?.url).toBe(
      "https://api.test/v1/items?page=2",
    );
    expect(nextRequest(base, rules, base, page({}), 1)).toBeUndefined();
  });

  it("refuses unknown keys and values, naming the key", () => {
    for (const rules of [{ NextPage: "$.x" }, { AbsoluteUrl: "next" }, { MaxRequestNumber: "0" }]) {
      const error = (() => {
        try {
          return parsePagination(rules);
        } catch (caught) {
          return caught;
        }
      })();
      expect(isSluiceError(error, "InvalidArgument")).toBe(true);
    }
  });
});
