/**
 * Case mapping as .NET does it with the invariant culture: one character at a time, by the
 * simple (one-to-one) Unicode mappings. JavaScript's `toUpperCase`/`toLowerCase` use the full
 * mappings instead (`ß` becomes `SS`, a final `Σ` becomes `ς`), which would change lengths and
 * therefore the indexes that `indexOf` reports.
 */

/** ASCII text maps the same either way, and JavaScript's mapping is much faster. */
function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * The invariant culture leaves the Turkish dotless `ı` and dotted `İ` alone (they are
 * Turkish-only pairs): Logic Apps gives `toUpper('ıi')` as `ıI` and `toLower('İI')` as `İi`.
 */
const unchanged = new Set(["\u0131", "\u0130"]);

function mapEach(text: string, map: (ch: string) => string): string {
  let out = "";
  for (const ch of text) {
    const mapped = unchanged.has(ch) ? ch : map(ch);
    // Keep characters whose full mapping is not one-to-one: .NET leaves them unchanged.
    out += mapped.length === ch.length ? mapped : ch;
  }
  return out;
}

/** `ToUpperInvariant`. */
export function toUpperInvariant(text: string): string {
  if (isAscii(text)) return text.toUpperCase();
  return mapEach(text, (ch) => ch.toUpperCase());
}

/** `ToLowerInvariant`. */
export function toLowerInvariant(text: string): string {
  if (isAscii(text)) return text.toLowerCase();
  return mapEach(text, (ch) => ch.toLowerCase());
}

/**
 * A case-folded copy of `text` with the same length, for ordinal case-insensitive matching
 * (.NET's `OrdinalIgnoreCase` compares the invariant upper-case forms).
 */
export const foldCase = toUpperInvariant;
