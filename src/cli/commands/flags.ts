// Parsing of flag values, pure: each failure names the flag, the value and what is allowed.
import { SluiceError } from "../../core/index.js";

/** A usage error: exit code 2. */
export function usageError(field: string, message: string, value?: unknown): SluiceError {
  return new SluiceError("InvalidArgument", message, { details: { field, value } });
}

/** An integer flag within `[min, max]`. */
export function intFlag(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || value < min || value > max) {
    throw usageError(
      name,
      `--${name} must be an integer from ${min} to ${max}, but it is '${text}'.`,
      text,
    );
  }
  return value;
}

/** One of `allowed`, read case-insensitively as Batch does, returned in its canonical spelling. */
export function enumFlag<T extends string>(name: string, text: string, allowed: readonly T[]): T {
  const found = allowed.find((value) => value.toLowerCase() === text.toLowerCase());
  if (found === undefined) {
    throw usageError(
      name,
      `--${name} must be one of ${allowed.join(", ")}, but it is '${text}'.`,
      text,
    );
  }
  return found;
}

const isoDuration = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;
const shortDuration = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/i;
const unitMs: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A duration flag in milliseconds: ISO 8601 as Batch writes it (`PT1H30M`, `P1D`) or a
 * number with a unit (`90s`, `5m`, `2h`, `1d`, `500ms`); a bare number is seconds.
 */
export function durationMs(name: string, text: string): number {
  const iso = isoDuration.exec(text);
  if (iso && text.length > 2 && !/T$/i.test(text)) {
    const [, d, h, m, s] = iso;
    return (
      Number(d ?? 0) * unitMs.d! +
      Number(h ?? 0) * unitMs.h! +
      Number(m ?? 0) * unitMs.m! +
      Math.round(Number(s ?? 0) * 1000)
    );
  }
  const short = shortDuration.exec(text);
  if (short) return Math.round(Number(short[1]) * unitMs[(short[2] ?? "s").toLowerCase()]!);
  throw usageError(
    name,
    `--${name} must be a duration such as 90s, 5m, 2h, 1d or ISO 8601 PT1H30M, but it is '${text}'.`,
    text,
  );
}

/** A duration flag as the ISO 8601 text Batch's API takes (ISO input is kept as written). */
export function durationIso(name: string, text: string): string {
  const ms = durationMs(name, text);
  if (isoDuration.test(text)) return text.toUpperCase();
  return `PT${ms % 1000 === 0 ? ms / 1000 : (ms / 1000).toFixed(3)}S`;
}

/** `NAME=VALUE` pairs (`--env`), in order; a later name overrides an earlier one. */
export function envFlag(name: string, pairs: readonly string[]): { name: string; value: string }[] {
  const byName = new Map<string, string>();
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) {
      throw usageError(name, `--${name} must be NAME=VALUE, but it is '${pair}'.`, pair);
    }
    byName.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return [...byName].map(([key, value]) => ({ name: key, value }));
}

/** Comma-separated ids from a repeatable flag: `--depends-on a,b --depends-on c`. */
export function idListFlag(values: readonly string[]): string[] {
  return values
    .flatMap((value) => value.split(","))
    .map((id) => id.trim())
    .filter((id) => id !== "");
}

/** `START-END` integer ranges (`--depends-on-range 1-100`). */
export function rangeFlag(
  name: string,
  values: readonly string[],
): { start: number; end: number }[] {
  return values.map((text) => {
    const match = /^(\d+)-(\d+)$/.exec(text.trim());
    if (!match || Number(match[1]) > Number(match[2])) {
      throw usageError(
        name,
        `--${name} must be START-END with integers START <= END, such as 1-100, but it is '${text}'.`,
        text,
      );
    }
    return { start: Number(match[1]), end: Number(match[2]) };
  });
}

/** Parses a `--file` as JSON, naming the file on failure. */
export async function readJsonFile(
  readFile: (path: string) => Promise<string>,
  path: string,
): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path);
  } catch (cause) {
    throw usageError("file", `--file ${path} cannot be read: ${errorText(cause)}.`, path);
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw usageError("file", `--file ${path} is not valid JSON: ${errorText(cause)}.`, path);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
