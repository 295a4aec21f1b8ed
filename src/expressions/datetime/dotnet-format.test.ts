import { describe, expect, it } from "vitest";
import { enUsCulture, invariantCulture } from "./cultures.js";
import {
  compileFormat,
  DateFormatError,
  expandStandardFormat,
  formatTimestamp,
} from "./dotnet-format.js";
import { parseTimestamp } from "./timestamp-parse.js";
import type { Timestamp } from "./timestamp.js";

function at(text: string): Timestamp {
  return parseTimestamp(text)!;
}

const pm = at("2018-03-05T13:04:09.1234567Z");
const am = at("2018-03-05T00:04:09.0500000");

describe("standard formats, en-US (ADF's default)", () => {
  it.each([
    ["d", "3/5/2018"],
    ["D", "Monday, March 5, 2018"],
    ["f", "Monday, March 5, 2018 1:04 PM"],
    ["F", "Monday, March 5, 2018 1:04:09 PM"],
    ["g", "3/5/2018 1:04 PM"],
    ["G", "3/5/2018 1:04:09 PM"],
    ["m", "March 5"],
    ["M", "March 5"],
    ["o", "2018-03-05T13:04:09.1234567Z"],
    ["O", "2018-03-05T13:04:09.1234567Z"],
    ["r", "Mon, 05 Mar 2018 13:04:09 GMT"],
    ["R", "Mon, 05 Mar 2018 13:04:09 GMT"],
    ["s", "2018-03-05T13:04:09"],
    ["t", "1:04 PM"],
    ["T", "1:04:09 PM"],
    ["u", "2018-03-05 13:04:09Z"],
    ["U", "Monday, March 5, 2018 1:04:09 PM"],
    ["y", "March 2018"],
    ["Y", "March 2018"],
  ])("%s", (format, expected) => {
    expect(formatTimestamp(pm, format)).toBe(expected);
  });

  it("prints midnight hours as 12 AM and omits K for unspecified timestamps", () => {
    expect(formatTimestamp(am, "G")).toBe("3/5/2018 12:04:09 AM");
    expect(formatTimestamp(am, "o")).toBe("2018-03-05T00:04:09.0500000");
  });
});

describe("standard formats, invariant culture", () => {
  it.each([
    ["d", "03/05/2018"],
    ["D", "Monday, 05 March 2018"],
    ["f", "Monday, 05 March 2018 13:04"],
    ["F", "Monday, 05 March 2018 13:04:09"],
    ["g", "03/05/2018 13:04"],
    ["G", "03/05/2018 13:04:09"],
    ["M", "March 05"],
    ["t", "13:04"],
    ["T", "13:04:09"],
    ["Y", "2018 March"],
    ["o", "2018-03-05T13:04:09.1234567Z"],
  ])("%s", (format, expected) => {
    expect(formatTimestamp(pm, format, invariantCulture)).toBe(expected);
  });
});

describe("custom formats", () => {
  it.each([
    ["yyyy/MM/dd", "2018/03/05"],
    ["yyyy-MM-ddTHH:mm:ss", "2018-03-05T13:04:09"],
    ["yyyy-dd-MM", "2018-05-03"],
    ["d dd ddd dddd ddddd", "5 05 Mon Monday Monday"],
    ["M MM MMM MMMM MMMMM", "3 03 Mar March March"],
    ["y yy yyy yyyy yyyyy", "18 18 2018 2018 02018"],
    ["h hh hhh H HH HHH", "1 01 01 13 13 13"],
    ["m mm s ss", "4 04 9 09"],
    ["f ff fff ffff fffff ffffff fffffff", "1 12 123 1234 12345 123456 1234567"],
    ["F FF FFF FFFFFFF", "1 12 123 1234567"],
    ["t tt", "P PM"],
    ["g gg", "A.D. A.D."],
    ["z zz zzz", "+0 +00 +00:00"],
    ["KK", "ZZ"],
    ["HH:mm", "13:04"],
    ["MM/dd", "03/05"],
    ["'year' yyyy", "year 2018"],
    ['"day" d', "day 5"],
    ["'it''s' d", "its 5"],
    ["'a\\'b'", "a'b"],
    ["\\y\\e\\a\\r yyyy", "year 2018"],
    ["%d", "5"],
    ["%M", "3"],
    ["%y", "18"],
    ["%K", "Z"],
    ["%x", "x"],
    ["yyyyMMddHHmmss", "20180305130409"],
    ["dd.MM.yyyy", "05.03.2018"],
    ["abc", "abc"],
    ["Week: ddd", "Week: Mon"],
  ])("%s", (format, expected) => {
    expect(formatTimestamp(pm, format)).toBe(expected);
  });

  it("trims F fractions and drops a dangling separator when they are all zero", () => {
    const whole = at("2018-03-05T13:04:09Z");
    expect(formatTimestamp(whole, "HH:mm:ss.FFFFFFF")).toBe("13:04:09");
    expect(formatTimestamp(whole, "HH:mm:ss.fff")).toBe("13:04:09.000");
    expect(formatTimestamp(am, "ss.FFFFFFF")).toBe("09.05");
    expect(formatTimestamp(am, "ss.FF")).toBe("09.05");
    expect(formatTimestamp(am, "ss.F")).toBe("09");
    expect(formatTimestamp(am, "t tt")).toBe("A AM");
  });

  it("prints K as nothing for a timestamp without a zone", () => {
    expect(formatTimestamp(am, "HH:mmK")).toBe("00:04");
  });

  it("pads early years", () => {
    const early = at("0005-01-02T03:04:05Z");
    expect(formatTimestamp(early, "yyyy y yy yyy")).toBe("0005 5 05 005");
    expect(formatTimestamp(early, "o")).toBe("0005-01-02T03:04:05.0000000Z");
  });
});

describe("invalid formats", () => {
  it.each([
    "x",
    "K",
    "z",
    "H",
    "%",
    "1",
    " ",
    "ffffffff",
    "FFFFFFFF",
    "'open",
    '"open',
    "yyyy\\",
    "%%",
    "%'",
    "HH 'x\\",
  ])("%j throws DateFormatError", (format) => {
    expect(() => formatTimestamp(pm, format)).toThrow(DateFormatError);
  });

  it("names the format and the reason", () => {
    expect(() => formatTimestamp(pm, "q")).toThrow(/'q' is not a valid date and time format/);
  });
});

describe("caching", () => {
  it("returns the same compiled format for the same culture and text", () => {
    expect(compileFormat("yyyy/MM/dd", enUsCulture)).toBe(compileFormat("yyyy/MM/dd", enUsCulture));
    expect(compileFormat("d", enUsCulture)).not.toBe(compileFormat("d", invariantCulture));
  });

  it("expands standard formats and knows unknown ones", () => {
    expect(expandStandardFormat("D", enUsCulture)).toBe("dddd, MMMM d, yyyy");
    expect(expandStandardFormat("q", enUsCulture)).toBeUndefined();
  });
});
