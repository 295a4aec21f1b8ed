import type { ResourceSource } from "../model/resources.js";
import type { FactoryProblem, ProblemCode } from "./factory-problem.js";

/**
 * Collects problems of one resource. Paths given to it are relative to the resource (`$` is
 * the resource object) and are re-rooted at the resource's place in its file.
 */
export class Reporter {
  constructor(
    private readonly problems: FactoryProblem[],
    private readonly source: ResourceSource,
  ) {}

  error(code: ProblemCode, path: string, message: string): void {
    this.add("error", code, path, message);
  }

  warning(code: ProblemCode, path: string, message: string): void {
    this.add("warning", code, path, message);
  }

  private add(
    severity: FactoryProblem["severity"],
    code: ProblemCode,
    path: string,
    message: string,
  ): void {
    const jsonPath = this.source.jsonPath + path.slice(1);
    this.problems.push({ severity, file: this.source.file, jsonPath, message, code });
  }
}

/** Whether `value` is a JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Quotes a name for a message: `'Main'`, or `(no name)`. */
export function quote(name: unknown): string {
  return typeof name === "string" ? `'${name}'` : "(no name)";
}
