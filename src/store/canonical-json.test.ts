import { describe, expect, it } from "vitest";
import { isSluiceError } from "../core/index.js";
import { canonicalJson, jsonDigest } from "./canonical-json.js";

function failure(action: () => unknown): { code: string; message: string } {
  try {
    action();
  } catch (error) {
    if (isSluiceError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a SluiceError");
}

describe("canonicalJson", () => {
  it("sorts object keys at every depth and keeps array order", () => {
    const text = canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: "x" } }, "test");
    expect(text).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it("gives documents that mean the same the same digest, and others another", () => {
    const one = jsonDigest(canonicalJson({ name: "p", properties: { a: 1, b: [1, 2] } }, "t"));
    const same = jsonDigest(canonicalJson({ properties: { b: [1, 2], a: 1.0 }, name: "p" }, "t"));
    const other = jsonDigest(canonicalJson({ name: "p", properties: { a: 1, b: [2, 1] } }, "t"));
    expect(one).toBe(same);
    expect(one).not.toBe(other);
    expect(one).toMatch(/^[0-9a-f]{64}$/);
  });

  it("leaves out undefined properties, as JSON.stringify does", () => {
    expect(canonicalJson({ a: undefined, b: null }, "t")).toBe('{"b":null}');
  });

  it("names the JSON path of a value JSON cannot hold", () => {
    const cyclic: Record<string, unknown> = { list: [] };
    (cyclic["list"] as unknown[]).push(cyclic);
    expect(failure(() => canonicalJson(cyclic, 'pipeline "p"'))).toEqual({
      code: "InvalidArgument",
      message: expect.stringContaining(
        'pipeline "p": the value at $.list[0] is a reference to itself',
      ),
    });
    expect(failure(() => canonicalJson({ n: Number.NaN }, "t")).message).toContain("$.n is NaN");
    expect(failure(() => canonicalJson({ big: 1n }, "t")).message).toContain("$.big is bigint");
    expect(failure(() => canonicalJson([undefined], "t")).message).toContain("$[0] is undefined");
  });
});
