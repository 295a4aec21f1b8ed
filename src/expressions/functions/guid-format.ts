import type { RandomSource } from "../../core/index.js";
import { fail } from "../expression-error.js";

/** A random (version 4) GUID's 32 lowercase hex digits, in the order `D` prints them. */
function randomGuidHex(random: RandomSource): string {
  const bytes = random.bytes(16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * 32 hex digits in one of .NET's `Guid.ToString(format)` layouts: `N` (digits only), `D`
 * (hyphens, the default, also for an empty format), `B` (braces), `P` (parentheses) or `X`
 * (hex fields in braces). The letter is case-insensitive, as in .NET.
 */
export function formatGuid(hex: string, format: string): string {
  const d = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  switch (format.toUpperCase()) {
    case "":
    case "D":
      return d;
    case "N":
      return hex;
    case "B":
      return `{${d}}`;
    case "P":
      return `(${d})`;
    case "X": {
      const tail = hex.slice(16).match(/../g) ?? [];
      const head = `0x${hex.slice(0, 8)},0x${hex.slice(8, 12)},0x${hex.slice(12, 16)}`;
      return `{${head},{${tail.map((pair) => `0x${pair}`).join(",")}}}`;
    }
    default:
      return badFormat(format);
  }
}

function badFormat(format: string): never {
  return fail(
    "ExpressionArgumentValue",
    `guid() expects a format of 'N', 'D', 'B', 'P' or 'X', but it is '${format}'.`,
    { function: "guid", argument: 1, value: format, allowed: ["N", "D", "B", "P", "X"] },
  );
}

/** A new random GUID in `format`; a bad format fails before any randomness is drawn. */
export function newGuid(random: RandomSource, format: string): string {
  if (!/^[NDBPX]?$/i.test(format)) badFormat(format);
  return formatGuid(randomGuidHex(random), format);
}
