import { describe, expect, it } from "vitest";
import { isSluiceError } from "../core/index.js";
import { decodeContinuationToken, encodeContinuationToken, pageSize, toPage } from "./page.js";

describe("paging", () => {
  it("round-trips a key through a continuation token", () => {
    expect(decodeContinuationToken(encodeContinuationToken("pool-é_1"))).toBe("pool-é_1");
  });

  it("rejects text that is not a token with InvalidArgument naming the field", () => {
    for (const token of ["", "!!!", Buffer.from('{"after":3}').toString("base64url")]) {
      let caught: unknown;
      try {
        decodeContinuationToken(token);
      } catch (error) {
        caught = error;
      }
      expect(isSluiceError(caught, "InvalidArgument")).toBe(true);
      expect((caught as { details: { field: string } }).details.field).toBe("continuationToken");
    }
  });

  it("defaults the page size to 1000 and accepts 1 to 1000", () => {
    expect(pageSize({})).toBe(1000);
    expect(pageSize({ maxResults: 1 })).toBe(1);
    expect(() => pageSize({ maxResults: 2.5 })).toThrow(/maxResults/);
  });

  it("gives a token only when the extra row shows more items follow", () => {
    const rows = ["a", "b", "c"];
    expect(
      toPage(
        rows,
        3,
        (row) => row,
        (row) => row,
      ),
    ).toEqual({ items: rows });
    const page = toPage(
      rows,
      2,
      (row) => row,
      (row) => row.toUpperCase(),
    );
    expect(page.items).toEqual(["A", "B"]);
    expect(decodeContinuationToken(page.continuationToken ?? "")).toBe("b");
  });
});
