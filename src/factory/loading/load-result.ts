import { SluiceError } from "../../core/index.js";
import type { FactoryDefinition } from "../model/resources.js";
import type { FactoryProblem } from "../validation/factory-problem.js";
import { sortProblems } from "../validation/factory-problem.js";

/** A loaded factory and the problems met while reading it (unparsable files, missing ARM values). */
export interface FactoryLoadResult {
  readonly definition: FactoryDefinition;
  readonly problems: readonly FactoryProblem[];
}

/** The definition, or a `FactoryLoadFailed` error listing every load error at once. */
export function definitionOrThrow(result: FactoryLoadResult, what: string): FactoryDefinition {
  const errors = sortProblems(result.problems.filter((p) => p.severity === "error"));
  if (errors.length === 0) return result.definition;
  const lines = errors.map((p) => `  ${p.file}:${p.jsonPath}: ${p.message}`);
  throw new SluiceError(
    "FactoryLoadFailed",
    `${what} could not be loaded (${errors.length} problem${errors.length > 1 ? "s" : ""}):\n${lines.join("\n")}`,
    { details: { problems: errors } },
  );
}

/** A problem helper for loaders. */
export function loadProblem(
  code: FactoryProblem["code"],
  file: string,
  jsonPath: string,
  message: string,
  severity: FactoryProblem["severity"] = "error",
): FactoryProblem {
  return { severity, file, jsonPath, message, code };
}
