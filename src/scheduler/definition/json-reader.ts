/** A problem in one trigger's JSON: where (`$.properties...`) and what. */
export interface TriggerProblem {
  readonly jsonPath: string;
  readonly message: string;
  readonly code: "MissingProperty" | "InvalidValue" | "MissingReference";
}

/** Reads typed fields of trigger JSON, collecting problems that name the field. */
export class JsonReader {
  readonly problems: TriggerProblem[] = [];

  constructor(readonly label: string) {}

  problem(jsonPath: string, message: string, code: TriggerProblem["code"] = "InvalidValue"): void {
    this.problems.push({ jsonPath, message: `${this.label}: ${message}`, code });
  }

  object(value: unknown, path: string, required: boolean): Record<string, unknown> | undefined {
    if (value === undefined && !required) return undefined;
    if (isObject(value)) return value;
    this.problem(
      path,
      `${leaf(path)} must be a JSON object, but it is ${show(value)}`,
      "MissingProperty",
    );
    return undefined;
  }

  /** An integer in [min, max]; `fallback` when absent. */
  integer(
    value: unknown,
    path: string,
    min: number,
    max: number,
    fallback?: number,
  ): number | undefined {
    const number =
      typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
    if (number === undefined && fallback !== undefined) return fallback;
    if (typeof number === "number" && Number.isInteger(number) && number >= min && number <= max)
      return number;
    const what = number === undefined ? "is missing" : `is ${show(value)}`;
    this.problem(
      path,
      `${leaf(path)} ${what}; allowed: an integer from ${min} to ${max}`,
      number === undefined ? "MissingProperty" : "InvalidValue",
    );
    return undefined;
  }

  /** One of `allowed`, ignoring case; returned as spelled in `allowed`. */
  choice<T extends string>(value: unknown, path: string, allowed: readonly T[]): T | undefined {
    const found =
      typeof value === "string"
        ? allowed.find((a) => a.toLowerCase() === value.trim().toLowerCase())
        : undefined;
    if (found !== undefined) return found;
    const what = value === undefined ? "is missing" : `is ${show(value)}`;
    this.problem(
      path,
      `${leaf(path)} ${what}; allowed: ${allowed.join(", ")}`,
      value === undefined ? "MissingProperty" : "InvalidValue",
    );
    return undefined;
  }

  /** An array of integers in [min, max] (a single integer counts as an array of one), none 0 when `noZero`. */
  integers(
    value: unknown,
    path: string,
    min: number,
    max: number,
    noZero = false,
  ): number[] | undefined {
    if (value === undefined) return undefined;
    const list = Array.isArray(value) ? value : [value];
    const bad = list.find(
      (v) =>
        typeof v !== "number" || !Number.isInteger(v) || v < min || v > max || (noZero && v === 0),
    );
    if (bad !== undefined || list.length === 0) {
      this.problem(
        path,
        `${leaf(path)} has ${list.length === 0 ? "no values" : show(bad)}; allowed: integers from ${min} to ${max}${noZero ? " except 0" : ""}`,
      );
      return undefined;
    }
    return list as number[];
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function show(value: unknown): string {
  return value === undefined ? "missing" : JSON.stringify(value);
}

function leaf(path: string): string {
  return path.slice(path.lastIndexOf(".") + 1);
}
