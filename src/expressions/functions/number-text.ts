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
 * An integer from text as `int()` reads it. Like Logic Apps' engine, the text is read as a
 * double and then truncated to 64 bits, so precision past 2^53 is lost
 * (`int('100000000000000010')` is 100000000000000016), `'NaN'` gives -2^63 (.NET's cast of
 * NaN), and a value that rounds to -2^63 fits. A fraction gives undefined (`int('1.5')` fails,
 * `int('1.0')` is 1). Range checks are the caller's: 2^63 and above must fail.
 */
export function parseIntegerText(text: string): bigint | undefined {
  if (/^\s*[+-]?nan\s*$/i.test(text)) return -(2n ** 63n);
  const match = integerPattern.exec(text);
  if (!match) return undefined;
  const [, sign = "", mantissa = "", exponent] = match;
  if (!hasDigit(mantissa)) return undefined;
  const value = Number(`${sign}${mantissa.replaceAll(",", "")}e${exponent ?? "0"}`);
  return Number.isFinite(value) && Number.isInteger(value) ? BigInt(value) : undefined;
}
