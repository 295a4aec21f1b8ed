import { SluiceError } from "../../../core/index.js";
import type { SqlDialect } from "./sql-endpoint.js";

/** A script's text with its `@name` parameters replaced by the driver's placeholders. */
export interface BoundScript {
  readonly text: string;
  /** Undefined when the script has no parameters (it may then hold several statements). */
  readonly values?: readonly unknown[];
}

/**
 * Binds ADF Script parameters (`{name, value, type, direction}`) to a script's text: each
 * `@name` outside quotes and comments becomes `$n` (PostgreSQL) or `?` (MySQL). An `@word`
 * that names no parameter is left alone (MySQL user variables). Only `Input` parameters are
 * supported: PostgreSQL and MySQL scripts return values as result sets.
 */
export function bindScript(
  text: string,
  parameters: unknown,
  dialect: SqlDialect,
  field: string,
): BoundScript {
  const params = parameterMap(parameters, field);
  if (params.size === 0) return { text };
  const values: unknown[] = [];
  const positions = new Map<string, number>();
  const placeholder = (name: string): string => {
    const value = params.get(name);
    if (dialect === "mysql") {
      values.push(value);
      return "?";
    }
    let position = positions.get(name);
    if (position === undefined) {
      values.push(value);
      position = values.length;
      positions.set(name, position);
    }
    return `$${position}`;
  };
  return {
    text: replaceParameters(text, (name) => (params.has(name) ? placeholder(name) : undefined)),
    values,
  };
}

function parameterMap(parameters: unknown, field: string): Map<string, unknown> {
  const map = new Map<string, unknown>();
  if (parameters === undefined || parameters === null) return map;
  if (!Array.isArray(parameters)) {
    throw new SluiceError(
      "InvalidArgument",
      `${field} must be an array of {name, value, type, direction}.`,
      {
        details: { field, value: parameters },
      },
    );
  }
  parameters.forEach((item: unknown, index) => {
    const param = (item ?? {}) as Record<string, unknown>;
    const where = `${field}[${index}]`;
    const name = typeof param.name === "string" ? param.name.replace(/^@/u, "") : "";
    if (name === "") {
      throw new SluiceError("InvalidArgument", `${where}.name must be the parameter's name.`, {
        details: { field: `${where}.name`, value: param.name ?? null },
      });
    }
    const direction = typeof param.direction === "string" ? param.direction : "Input";
    if (direction.toLowerCase() !== "input") {
      throw new SluiceError(
        "InvalidArgument",
        `${where}.direction '${direction}' is not supported on PostgreSQL and MySQL scripts; use Input parameters and return values with a SELECT (they appear in resultSets).`,
        { details: { field: `${where}.direction`, value: direction, allowed: ["Input"] } },
      );
    }
    map.set(name.toLowerCase(), valueOf(param.value, param.type));
  });
  return map;
}

function valueOf(value: unknown, type: unknown): unknown {
  if (value === undefined || value === null) return null;
  const kind = typeof type === "string" ? type.toLowerCase() : "";
  if (kind === "boolean" && typeof value === "string") return value.toLowerCase() === "true";
  if (typeof value === "object") return JSON.stringify(value);
  return value;
}

/** Calls `replace` for each `@name` outside strings, quoted names and comments. */
function replaceParameters(text: string, replace: (name: string) => string | undefined): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const char = text[i] ?? "";
    const skipped = skipQuoted(text, i);
    if (skipped > i) {
      out += text.slice(i, skipped);
      i = skipped;
      continue;
    }
    if (char === "@") {
      const match = /^@([A-Za-z_][A-Za-z0-9_]*)/u.exec(text.slice(i));
      const name = match?.[1];
      const replaced = name === undefined ? undefined : replace(name.toLowerCase());
      if (name !== undefined && replaced !== undefined) {
        out += replaced;
        i += name.length + 1;
        continue;
      }
    }
    out += char;
    i += 1;
  }
  return out;
}

// The end of a string, quoted identifier or comment starting at `i`, or `i` if none does.
function skipQuoted(text: string, i: number): number {
  const char = text[i];
  if (char === "'" || char === '"' || char === "`") {
    let j = i + 1;
    while (j < text.length) {
      if (text[j] === char) {
        if (text[j + 1] === char) j += 2;
        else return j + 1;
      } else j += 1;
    }
    return text.length;
  }
  if (text.startsWith("--", i)) {
    const end = text.indexOf("\n", i);
    return end < 0 ? text.length : end;
  }
  if (text.startsWith("/*", i)) {
    const end = text.indexOf("*/", i + 2);
    return end < 0 ? text.length : end + 2;
  }
  return i;
}
