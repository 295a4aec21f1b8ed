import { parseArgs } from "node:util";
import { SluiceError } from "../core/index.js";
import {
  readFactory,
  sortProblems,
  validateFactory,
  type FactoryDefinition,
  type FactoryProblem,
} from "../factory/index.js";
import { triggerChecks } from "../app/index.js";
import type { CommandIO } from "./command-io.js";

const help = `Usage: sluice validate PATH [--parameters FILE] [--json]

Validates an ADF factory without a server and prints every problem at once, as
  file:jsonPath: error|warning: message
PATH is a folder in ADF's git layout (pipeline/, dataset/, linkedService/, trigger/, factory/),
a publish-branch folder holding ARMTemplateForFactory.json, or an ARM template file.

Errors make the factory undeployable; warnings (such as an activity type Sluice does not run)
do not. Exit code: 0 when there is no error, 1 when there is one, 2 when PATH cannot be read.

Options:
  --parameters FILE  The ARM template's parameters file (default: ARMTemplateParametersForFactory.json
                     beside the template, when there is one).
  --json             Print the problems as a JSON array of {severity, file, jsonPath, message, code}.`;

/** `sluice validate`: returns the exit code. */
export async function runValidate(argv: readonly string[], io: CommandIO): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: "boolean" },
        parameters: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      io.out(help);
      return 0;
    }
    const [path] = positionals;
    if (path === undefined || positionals.length > 1) {
      throw new SluiceError(
        "InvalidArgument",
        `sluice validate takes one factory folder or ARM template, but ${positionals.length} were given.\n\n${help}`,
      );
    }
    const { definition, problems: loadProblems } = await readFactory(path, values.parameters);
    const loadFailed = loadProblems.some((p) => p.severity === "error");
    // A file that did not load would make every reference to it look broken: report the load first.
    const problems = loadFailed ? [...loadProblems] : [...loadProblems, ...validate(definition)];
    const sorted = sortProblems(problems);
    if (values.json) io.out(JSON.stringify(sorted, null, 2));
    else printProblems(sorted, path, definition, loadFailed, io);
    return sorted.some((p) => p.severity === "error") ? 1 : 0;
  } catch (error) {
    if (!(error instanceof SluiceError)) throw error;
    io.err(`error ${error.code}: ${error.message}`);
    return 2;
  }
}

/**
 * The factory's checks and the scheduler's trigger checks, as the server runs them at deploy
 * (a trigger's own errors are reported once: the scheduler's only when the factory's found none).
 */
function validate(definition: FactoryDefinition): FactoryProblem[] {
  const problems = validateFactory(definition);
  const failed = new Set(problems.filter((p) => p.severity === "error").map((p) => p.file));
  return [...problems, ...triggerChecks(definition).filter((p) => !failed.has(p.file))];
}

/** One line per problem, a blank line between files, then a summary. */
function printProblems(
  problems: readonly FactoryProblem[],
  path: string,
  definition: FactoryDefinition,
  loadFailed: boolean,
  io: CommandIO,
): void {
  let previousFile: string | undefined;
  for (const problem of problems) {
    if (previousFile !== undefined && problem.file !== previousFile) io.out("");
    previousFile = problem.file;
    io.out(formatProblem(problem));
  }
  if (problems.length > 0) io.out("");
  io.out(summary(problems, path, definition, loadFailed));
}

/** `file:jsonPath: severity: message`; a JSON syntax error shows `file:line:column`. */
export function formatProblem(problem: FactoryProblem): string {
  const where =
    problem.line !== undefined ? `${problem.line}:${problem.column ?? 1}` : problem.jsonPath;
  return `${problem.file}:${where}: ${problem.severity}: ${problem.message}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function summary(
  problems: readonly FactoryProblem[],
  path: string,
  definition: FactoryDefinition,
  loadFailed: boolean,
): string {
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  const contents = [
    count(definition.pipelines.length, "pipeline"),
    count(definition.datasets.length, "dataset"),
    count(definition.linkedServices.length, "linked service"),
    count(definition.triggers.length, "trigger"),
  ].join(", ");
  if (loadFailed)
    return `${path}: could not be read (${count(errors, "error")}); fix what stops it loading, then validate again.`;
  const files = new Set(problems.map((p) => p.file)).size;
  const verdict = errors > 0 ? "invalid" : "valid";
  const found =
    problems.length === 0
      ? "no problems"
      : `${count(errors, "error")} and ${count(warnings, "warning")} in ${count(files, "file")}`;
  return `${path}: ${verdict}, ${found} (${contents}).`;
}
