import { SluiceError } from "../../core/index.js";
import { sortProblems, type FactoryProblem } from "../validation/factory-problem.js";

/**
 * `FactoryInvalid` listing every error of `problems` (warnings are not a reason to refuse),
 * or nothing when there is no error.
 */
export function refuseErrors(problems: readonly FactoryProblem[], what: string): void {
  const errors = sortProblems(problems.filter((p) => p.severity === "error"));
  if (errors.length === 0) return;
  const lines = errors.map((p) => `  ${p.file}:${p.jsonPath}: ${p.message}`);
  throw new SluiceError(
    "FactoryInvalid",
    `${what} is invalid and nothing was stored (${errors.length} error${errors.length > 1 ? "s" : ""}):\n${lines.join("\n")}`,
    { details: { problems: errors } },
  );
}
