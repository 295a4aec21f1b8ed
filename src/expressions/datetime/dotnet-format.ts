import { enUsCulture, invariantCulture, type CultureData } from "./cultures.js";
import { fieldsOf, type Timestamp, type TimestampFields } from "./timestamp.js";

/**
 * .NET `DateTime.ToString(format, culture)` for ADF's date functions: every standard
 * format specifier (a one-character format) and every custom specifier. ADF's servers run
 * on UTC, so `z`, `zz`, `zzz` always print `+0`, `+00`, `+00:00` (.NET prints the server's
 * offset for a DateTime), and `K` prints `Z` for a UTC timestamp and nothing otherwise.
 */

/** Literal text or one specifier repeated `count` times. */
type Token = { readonly literal: string } | { readonly spec: string; readonly count: number };

/** A parsed format string and the culture its names and designators come from. */
export interface CompiledFormat {
  readonly tokens: readonly Token[];
  readonly names: CultureData;
}

/** Thrown for an invalid format string; the caller turns it into ExpressionBadFormat. */
export class DateFormatError extends Error {
  constructor(
    readonly format: string,
    readonly reason: string,
  ) {
    super(`'${format}' is not a valid date and time format: ${reason}`);
    this.name = "DateFormatError";
  }
}

/** The round-trip pattern of the `o` format. */
const ROUND_TRIP = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK";

/** The custom pattern a one-character standard format stands for, or undefined. */
export function expandStandardFormat(spec: string, culture: CultureData): string | undefined {
  switch (spec) {
    case "d":
      return culture.shortDate;
    case "D":
      return culture.longDate;
    case "f":
      return `${culture.longDate} ${culture.shortTime}`;
    case "F":
      return culture.fullDateTime;
    case "g":
      return `${culture.shortDate} ${culture.shortTime}`;
    case "G":
      return `${culture.shortDate} ${culture.longTime}`;
    case "m":
    case "M":
      return culture.monthDay;
    case "o":
    case "O":
      return ROUND_TRIP;
    case "r":
    case "R":
      return "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'";
    case "s":
      return "yyyy'-'MM'-'dd'T'HH':'mm':'ss";
    case "t":
      return culture.shortTime;
    case "T":
      return culture.longTime;
    // For a DateTime, .NET formats `u` without converting, and `U` after converting to
    // UTC, which changes nothing on a UTC server.
    case "u":
      return "yyyy'-'MM'-'dd HH':'mm':'ss'Z'";
    case "U":
      return culture.fullDateTime;
    case "y":
    case "Y":
      return culture.yearMonth;
    default:
      return undefined;
  }
}

const CACHE_LIMIT = 512;
const cache = new Map<CultureData, Map<string, CompiledFormat>>();

/** Compiles `format` for `culture`, caching the result; throws {@link DateFormatError}. */
export function compileFormat(format: string, culture: CultureData): CompiledFormat {
  let perCulture = cache.get(culture);
  if (perCulture === undefined) {
    perCulture = new Map();
    cache.set(culture, perCulture);
  }
  const cached = perCulture.get(format);
  if (cached !== undefined) return cached;
  const tokens = compileUncached(format, culture);
  // A bounded cache: formats come from pipeline definitions, so a handful repeat.
  if (perCulture.size >= CACHE_LIMIT) perCulture.clear();
  perCulture.set(format, tokens);
  return tokens;
}

function compileUncached(format: string, culture: CultureData): CompiledFormat {
  if (format.length !== 1) return { tokens: tokenize(format, format), names: culture };
  const pattern = expandStandardFormat(format, culture);
  if (pattern === undefined) {
    throw new DateFormatError(
      format,
      "a one-character format must be a standard format specifier (d, D, f, F, g, G, M, O, R, s, t, T, u, U, Y)",
    );
  }
  // `r`'s day and month names are always the invariant culture's, as in .NET.
  const names = "oOrRsu".includes(format) ? invariantCulture : culture;
  return { tokens: tokenize(pattern, format), names };
}

const SPECIFIERS = "dfFghHKmMstyz";

/** Splits a custom pattern into tokens, as .NET's `FormatCustomized` reads it. */
function tokenize(pattern: string, original: string): Token[] {
  const tokens: Token[] = [];
  let literal = "";
  const flush = (): void => {
    if (literal !== "") tokens.push({ literal });
    literal = "";
  };
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (SPECIFIERS.includes(ch)) {
      let count = 1;
      while (ch !== "K" && pattern[i + count] === ch) count++;
      if ((ch === "f" || ch === "F") && count > 7)
        throw new DateFormatError(original, `'${ch}' may repeat at most 7 times`);
      flush();
      tokens.push({ spec: ch, count });
      i += count;
    } else if (ch === "'" || ch === '"') {
      i = readQuoted(pattern, i, original, (text) => (literal += text));
    } else if (ch === "%") {
      const next = pattern[i + 1];
      if (next === undefined || next === "%")
        throw new DateFormatError(original, "'%' must be followed by one format specifier");
      flush();
      tokens.push(...tokenize(next, original));
      i += 2;
    } else if (ch === "\\") {
      const next = pattern[i + 1];
      if (next === undefined)
        throw new DateFormatError(original, "'\\' at the end escapes nothing");
      literal += next;
      i += 2;
    } else {
      // `:` and `/` are the culture's separators, `:` and `/` in both supported cultures.
      literal += ch;
      i += 1;
    }
  }
  flush();
  return tokens;
}

/** Reads a quoted literal starting at `start`; returns the index after the closing quote. */
function readQuoted(
  pattern: string,
  start: number,
  original: string,
  append: (text: string) => void,
): number {
  const quote = pattern[start];
  let i = start + 1;
  let text = "";
  while (i < pattern.length) {
    const ch = pattern[i++]!;
    if (ch === quote) {
      append(text);
      return i;
    }
    if (ch === "\\") {
      if (i >= pattern.length) break;
      text += pattern[i++];
    } else {
      text += ch;
    }
  }
  throw new DateFormatError(
    original,
    `the quote ${quote} opened at position ${start + 1} is never closed`,
  );
}

/**
 * Formats `ts` with a .NET format string in `culture` (default en-US, as ADF).
 * Throws {@link DateFormatError} for an invalid format.
 */
export function formatTimestamp(
  ts: Timestamp,
  format: string,
  culture: CultureData = enUsCulture,
): string {
  const { tokens, names } = compileFormat(format, culture);
  const fields = fieldsOf(ts);
  let out = "";
  for (const token of tokens) {
    out =
      "literal" in token
        ? out + token.literal
        : appendField(out, token.spec, token.count, fields, ts, names);
  }
  return out;
}

function pad(value: number, width: number): string {
  const text = String(value);
  return text.length >= width ? text : "0".repeat(width - text.length) + text;
}

/** Appends one specifier's text to `out` (`F` may also remove a trailing `.`). */
function appendField(
  out: string,
  spec: string,
  count: number,
  f: TimestampFields,
  ts: Timestamp,
  culture: CultureData,
): string {
  const two = count === 1 ? 1 : 2;
  switch (spec) {
    case "d":
      if (count <= 2) return out + pad(f.day, two);
      return out + (count === 3 ? culture.abbreviatedDayNames : culture.dayNames)[f.weekday];
    case "M":
      if (count <= 2) return out + pad(f.month, two);
      return out + (count === 3 ? culture.abbreviatedMonthNames : culture.monthNames)[f.month - 1];
    case "y":
      return out + (count <= 2 ? pad(f.year % 100, two) : pad(f.year, count));
    case "h":
      return out + pad(f.hour % 12 === 0 ? 12 : f.hour % 12, two);
    case "H":
      return out + pad(f.hour, two);
    case "m":
      return out + pad(f.minute, two);
    case "s":
      return out + pad(f.second, two);
    case "f":
      return out + pad(Math.floor(f.fraction / 10 ** (7 - count)), count);
    case "F":
      return appendTrimmedFraction(out, Math.floor(f.fraction / 10 ** (7 - count)), count);
    case "t": {
      const designator = f.hour < 12 ? culture.am : culture.pm;
      return out + (count === 1 ? designator.slice(0, 1) : designator);
    }
    case "g":
      return out + culture.era;
    case "z":
      return out + (count === 1 ? "+0" : count === 2 ? "+00" : "+00:00");
    default: // K
      return out + (ts.kind === "utc" ? "Z" : "");
  }
}

/** .NET's `F`: trailing zeros dropped; no digits at all also drops a preceding `.`. */
function appendTrimmedFraction(out: string, value: number, count: number): string {
  let digits = count;
  let v = value;
  while (digits > 0 && v % 10 === 0) {
    v /= 10;
    digits--;
  }
  if (digits > 0) return out + pad(v, digits);
  return out.endsWith(".") ? out.slice(0, -1) : out;
}
