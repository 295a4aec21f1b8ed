import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { errorCodes } from "./error-codes.js";

const catalogue = readFileSync(new URL("../../docs/errors.md", import.meta.url), "utf8");
const documented = [...catalogue.matchAll(/^\| `([A-Za-z]+)` +\|/gm)].map((match) => match[1]);

describe("docs/errors.md", () => {
  it("lists exactly the codes in src/core/error-codes.ts", () => {
    expect([...documented].sort()).toEqual(Object.keys(errorCodes).sort());
  });

  it("lists each code once", () => {
    expect(new Set(documented).size).toBe(documented.length);
  });
});
