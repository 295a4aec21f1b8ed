import { parseArgs } from "node:util";
import { ExpressionError, evaluateToJson, type ExpressionScope } from "../expressions/index.js";
import { SluiceError } from "../core/index.js";
import type { CommandIO } from "./command-io.js";
import { caretUnder } from "./caret.js";

const help = `Usage: sluice eval '<expression>' [--scope FILE] [--param name=value]... [--now ISO]

Evaluates an ADF expression (a JSON string value: '@concat(...)', 'text @{expr}') and prints
the result as JSON. Exit code 2 on an error, with a caret under its position.

Options:
  --scope FILE        JSON file with the scope: parameters, globalParameters, variables,
                      activities, item, pipeline, trigger, triggerBody, dataset, linkedService, now
  --param name=value  A pipeline parameter; the value is read as JSON when it parses, else as text.
                      Repeatable; overrides the scope file's parameters.
  --now ISO           The current time for utcNow() (default: the real time).`;

const scopeFields = new Set([
  "parameters",
  "globalParameters",
  "variables",
  "activities",
  "item",
  "pipeline",
  "trigger",
  "triggerBody",
  "dataset",
  "linkedService",
  "now",
]);

/** `sluice eval`: returns the exit code. */
export async function runEval(argv: readonly string[], io: CommandIO): Promise<number> {
  let expression: string | undefined;
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        scope: { type: "string" },
        param: { type: "string", multiple: true },
        now: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      io.out(help);
      return 0;
    }
    if (positionals.length !== 1) {
      throw new SluiceError(
        "InvalidArgument",
        `sluice eval takes exactly one expression, but ${positionals.length} were given. Quote the expression in single quotes.`,
      );
    }
    expression = positionals[0] ?? "";
    const scope = await buildScope(values.scope, values.param ?? [], values.now, io);
    io.out(evaluateToJson(expression, scope));
    return 0;
  } catch (error) {
    io.err(describeError(error, expression));
    return 2;
  }
}

async function buildScope(
  scopeFile: string | undefined,
  params: readonly string[],
  now: string | undefined,
  io: CommandIO,
): Promise<ExpressionScope> {
  const scope: Record<string, unknown> = scopeFile ? await readScopeFile(scopeFile, io) : {};
  if (params.length) {
    const parameters: Record<string, unknown> = {
      ...(scope.parameters as Record<string, unknown> | undefined),
    };
    for (const param of params) {
      const eq = param.indexOf("=");
      if (eq <= 0) {
        throw new SluiceError(
          "InvalidArgument",
          `--param must be name=value, but it is '${param}'.`,
          { details: { field: "param", value: param } },
        );
      }
      parameters[param.slice(0, eq)] = parseLoose(param.slice(eq + 1));
    }
    scope.parameters = parameters;
  }
  if (now !== undefined) {
    if (Number.isNaN(Date.parse(now))) {
      throw new SluiceError(
        "InvalidArgument",
        `--now must be an ISO 8601 date and time such as 2024-01-31T12:00:00Z, but it is '${now}'.`,
        { details: { field: "now", value: now } },
      );
    }
    scope.now = now;
  }
  return scope as ExpressionScope;
}

async function readScopeFile(path: string, io: CommandIO): Promise<Record<string, unknown>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await io.readFile(path));
  } catch (cause) {
    throw new SluiceError(
      "InvalidArgument",
      `--scope ${path} could not be read as JSON: ${cause instanceof Error ? cause.message : String(cause)}.`,
      { details: { field: "scope", value: path }, cause },
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new SluiceError("InvalidArgument", `--scope ${path} must hold a JSON object.`, {
      details: { field: "scope", value: path },
    });
  }
  const unknown = Object.keys(parsed).filter((key) => !scopeFields.has(key));
  if (unknown.length) {
    throw new SluiceError(
      "InvalidArgument",
      `--scope ${path} has unknown field${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => `'${k}'`).join(", ")}; allowed: ${[...scopeFields].join(", ")}.`,
      { details: { field: "scope", unknown } },
    );
  }
  return parsed as Record<string, unknown>;
}

function parseLoose(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text; // not JSON: the value is plain text, as the help says
  }
}

function describeError(error: unknown, expression: string | undefined): string {
  if (error instanceof ExpressionError) {
    const lines = [`error ${error.code}: ${error.message}`];
    if (error.position && expression !== undefined)
      lines.push(...caretUnder(expression, error.position));
    return lines.join("\n");
  }
  if (error instanceof SluiceError) return `error ${error.code}: ${error.message}`;
  return `error: ${error instanceof Error ? error.message : String(error)}`;
}
