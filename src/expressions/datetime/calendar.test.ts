import { describe, expect, it } from "vitest";
import {
  civilFromDays,
  dayOfYear,
  daysFromCivil,
  daysInMonth,
  daysOfMs,
  isLeapYear,
  MAX_MS,
  MIN_MS,
  weekdayFromDays,
} from "./calendar.js";

describe("calendar", () => {
  it("counts days from the Unix epoch, before and after it", () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2018, 3, 15)).toBe(Date.UTC(2018, 2, 15) / 86_400_000);
    expect(daysFromCivil(1, 1, 1)).toBe(MIN_MS / 86_400_000);
    expect(daysFromCivil(1969, 12, 31)).toBe(-1);
  });

  it("round-trips every day of a leap-year span and the range ends", () => {
    for (let days = daysFromCivil(1999, 12, 1); days < daysFromCivil(2001, 3, 1); days++) {
      const { year, month, day } = civilFromDays(days);
      expect(daysFromCivil(year, month, day)).toBe(days);
    }
    expect(civilFromDays(daysOfMs(MIN_MS))).toEqual({ year: 1, month: 1, day: 1 });
    expect(civilFromDays(daysOfMs(MAX_MS))).toEqual({ year: 9999, month: 12, day: 31 });
  });

  it("knows leap years and month lengths", () => {
    expect([1900, 2000, 2018, 2020, 2100, 2400].map(isLeapYear)).toEqual([
      false,
      true,
      false,
      true,
      false,
      true,
    ]);
    expect(daysInMonth(2020, 2)).toBe(29);
    expect(daysInMonth(2019, 2)).toBe(28);
    expect(daysInMonth(2019, 4)).toBe(30);
    expect(daysInMonth(2019, 12)).toBe(31);
    expect(daysInMonth(2019, 13)).toBe(0);
  });

  it("numbers weekdays from Sunday = 0, also before 1970", () => {
    expect(weekdayFromDays(daysFromCivil(2018, 3, 15))).toBe(4); // a Thursday
    expect(weekdayFromDays(daysFromCivil(2018, 4, 15))).toBe(0); // a Sunday
    expect(weekdayFromDays(daysFromCivil(1, 1, 1))).toBe(1); // .NET: DateTime.MinValue is a Monday
    expect(weekdayFromDays(-1)).toBe(3);
  });

  it("numbers days of the year from 1, counting Feb 29", () => {
    expect(dayOfYear(2018, 3, 15)).toBe(74);
    expect(dayOfYear(2020, 3, 15)).toBe(75);
    expect(dayOfYear(2020, 12, 31)).toBe(366);
    expect(dayOfYear(2018, 1, 1)).toBe(1);
  });

  it("floors negative milliseconds to the earlier day", () => {
    expect(daysOfMs(-1)).toBe(-1);
    expect(daysOfMs(0)).toBe(0);
    expect(daysOfMs(86_399_999)).toBe(0);
  });
});
