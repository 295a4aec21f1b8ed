// Shared checks of the create commands' input.
import type { CommandContext } from "./run-command.js";
import { usageError } from "./flags.js";

/** Refuses body flags next to `--file`: the file is the whole body. */
export function rejectWithFile(ctx: CommandContext, flags: readonly string[]): void {
  const given = flags.filter((flag) => ctx.has(flag));
  if (given.length) {
    throw usageError(
      given[0]!,
      `${ctx.name}: --file cannot be combined with --${given.join(", --")}; put those fields in the file.`,
    );
  }
}

/** A required string flag. */
export function requireString(ctx: CommandContext, flag: string, what: string): string {
  const value = ctx.string(flag);
  if (value === undefined || value === "") {
    throw usageError(flag, `${ctx.name} needs ${what}.`);
  }
  return value;
}

/** The parsed `--file` must hold a JSON object. */
export function requireObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw usageError(
      "file",
      `--file ${path} must hold a JSON object, but it holds ${describe(value)}.`,
      path,
    );
  }
  return value as Record<string, unknown>;
}

function describe(value: unknown): string {
  return Array.isArray(value) ? "an array" : value === null ? "null" : `a ${typeof value}`;
}
