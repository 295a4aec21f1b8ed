import { describe, expect, it } from "vitest";
import { metadataTime, parseFieldList } from "./metadata-fields.js";

describe("parseFieldList", () => {
  it("reads names in any case, once each, and refuses others", () => {
    expect(parseFieldList(["ITEMNAME", "exists", "Exists"])).toEqual(["itemName", "exists"]);
    expect(() => parseFieldList([])).toThrow("non-empty");
    expect(parseFieldList(["columnCount", "Structure"])).toEqual(["columnCount", "structure"]);
    expect(() => parseFieldList(["colour"])).toThrow("not a GetMetadata field");
  });

  it("formats times as ADF does, to the second", () => {
    expect(metadataTime(new Date("2017-02-23T06:17:09.123Z"))).toBe("2017-02-23T06:17:09Z");
  });
});
