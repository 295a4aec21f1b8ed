/**
 * Number parsing as ADF's `int()` and `float()` do it (.NET's Int64/Double parsing with the
 * invariant culture): surrounding white space, a sign, thousands separators (`1,000`), a decimal
 * point and an exponent are allowed. Both return undefined for text that is not a number.
 */

// Sign before or after (NumberStyles.Number allows a trailing sign for doubles), digits with
// optional thousands separators, fraction, exponent.
const floatPattern = /^\s*([+-]?)((?:\d[\d,]*)?(?:\.\d*)?)(?:[eE]([+-]?\d+))?([+-]?)\s*$/;
// `int()` takes no trailing sign: .NET parses it with NumberStyles.Float | AllowThousands.
const integerPattern = /^\s*([+-]?)((?:\d[\d,]*)?(?:\.\d*)?)(?:[eE]([+-]?\d+))?\s*$/;

function hasDigit(text: string): boolean {
  return /\d/.test(text);
}

/** A double from text as `float()` reads it; NaN for "NaN" (any case). Never throws. */
export function parseFloatText(text: string): number | undefined {
  if (/^\s*[+-]?nan\s*$/i.test(text)) return Number.NaN;
  const match = floatPattern.exec(text);
  if (!match) return undefined;
  const [, leading = "", mantissa = "", exponent, trailing = ""] = match;
  if (!hasDigit(mantissa) || (leading && trailing)) return undefined;
  const sign = leading || trailing;
  // Overflow gives ±Infinity and underflow 0, as .NET Core does.
  return Number(`${sign}${mantissa.replaceAll(",", "")}e${exponent ?? "0"}`);
}

/**
 * An integer from text as `int()` reads it: an exact bigint for plain digits, otherwise a
 * double that must be integral (`int('1.0')` is 1, `int('1e3')` 1000, `int('1.5')` fails).
 * Range checks are the caller's.
 */
export function parseIntegerText(text: string): bigint | undefined {
  const match = integerPattern.exec(text);
  if (!match) return undefined;
  const [, sign = "", mantissa = "", exponent] = match;
  if (!hasDigit(mantissa)) return undefined;
  const digits = mantissa.replaceAll(",", "");
  if (exponent === undefined && /^\d+$/.test(digits)) {
    return BigInt(`${sign}${digits}`);
  }
  const value = Number(`${sign}${digits}e${exponent ?? "0"}`);
  return Number.isFinite(value) && Number.isInteger(value) ? BigInt(value) : undefined;
}
