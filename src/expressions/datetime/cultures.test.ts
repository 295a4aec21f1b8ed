import { describe, expect, it } from "vitest";
import { enUsCulture, findCulture, invariantCulture } from "./cultures.js";

describe("findCulture", () => {
  it("finds en-US in any case, with - or _", () => {
    for (const name of ["en-US", "en-us", "EN-US", "en_US", "en"])
      expect(findCulture(name)).toBe(enUsCulture);
  });

  it("finds the invariant culture by .NET's names", () => {
    for (const name of ["", "iv", "Invariant"]) expect(findCulture(name)).toBe(invariantCulture);
  });

  it("has no data for other cultures", () => {
    for (const name of ["de-DE", "fr-FR", "xx", "en-GB"]) expect(findCulture(name)).toBeUndefined();
  });

  it("holds English names", () => {
    expect(enUsCulture.monthNames).toHaveLength(12);
    expect(enUsCulture.abbreviatedMonthNames[8]).toBe("Sep");
    expect(invariantCulture.abbreviatedDayNames[0]).toBe("Sun");
  });
});
