/**
 * One problem found while loading or validating a factory. `file` is relative to the
 * factory's root folder (`pipeline/Main.json`) or the ARM template's path; `jsonPath` points
 * into that file (`$.properties.activities[2].name`).
 */
export interface FactoryProblem {
  readonly severity: "error" | "warning";
  readonly file: string;
  readonly jsonPath: string;
  readonly message: string;
  readonly code: ProblemCode;
  /** For a file that is not valid JSON: where the text goes wrong (1-based). */
  readonly line?: number;
  readonly column?: number;
}

/** Stable codes of validation problems, with what each means. */
export const problemCodes = {
  InvalidJson: "A file is not valid JSON, or not a JSON object.",
  UnreadableFile: "A file or folder could not be read.",
  InvalidArmTemplate:
    "An ARM template, its parameters file or an ARM expression in it is malformed.",
  ArmParameterMissing:
    "An ARM template parameter has no value: no defaultValue and not in the parameters file.",
  UnknownType: "A `type` that is not in ADF's schema.",
  TypeNotRunBySluice: "An ADF type that Sluice accepts and stores but cannot run (yet).",
  MissingProperty: "A required property is missing or has the wrong JSON type.",
  InvalidValue: "A property has a value ADF does not allow.",
  InvalidName: "A name breaks ADF's naming rules (length, characters).",
  DuplicateName: "Two resources, activities, parameters or variables share a name (ignoring case).",
  MissingReference:
    "A reference names a pipeline, dataset, linked service, trigger or other resource that does not exist.",
  DependencyNotSibling: "`dependsOn` names an activity that is not in the same container.",
  InvalidDependencyCondition:
    "A dependency condition other than Succeeded, Failed, Skipped, Completed.",
  DependencyCycle: "Activities depend on each other in a cycle.",
  InvalidExpression:
    "An expression does not parse, or names a parameter, variable or activity that does not exist.",
  UndeclaredVariable:
    "SetVariable or AppendVariable names a variable the pipeline does not declare.",
  NestingNotAllowedInAdf: "A control activity nested where ADF does not allow it (Sluice runs it).",
} as const satisfies Record<string, string>;

/** A stable validation problem code. */
export type ProblemCode = keyof typeof problemCodes;

/** Sorts by file, then JSON path (keeping the order of problems at one path), and drops exact repeats. */
export function sortProblems(problems: readonly FactoryProblem[]): FactoryProblem[] {
  const seen = new Set<string>();
  const unique: FactoryProblem[] = [];
  for (const problem of problems) {
    const key = `${problem.file}\u0000${problem.jsonPath}\u0000${problem.code}\u0000${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(problem);
  }
  return unique.sort(
    (a, b) =>
      // Stable: problems at one path keep the order they were found in (expression positions).
      compare(a.file, b.file) || comparePaths(a.jsonPath, b.jsonPath),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders `$.a[2]` before `$.a[10]`: array indexes compare as numbers. */
function comparePaths(a: string, b: string): number {
  const pa = a.split(/(\d+)/);
  const pb = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i] ?? "";
    const y = pb[i] ?? "";
    if (x === y) continue;
    return i % 2 === 1 ? Number(x) - Number(y) : compare(x, y);
  }
  return pa.length - pb.length;
}
