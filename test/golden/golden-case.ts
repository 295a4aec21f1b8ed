import type { ExpressionScope } from "../../src/expressions/index.js";

/**
 * One golden case: an ADF JSON string value, the scope it is evaluated in, and the result
 * Microsoft's documentation gives for it. Exactly one of `expected`, `errorCode` or `check`
 * says what must happen:
 * - `expected`: `evaluate(expression, scope)` deep-equals it (the key is present, even for null);
 * - `errorCode`: evaluation throws an error whose `.code` is this stable code;
 * - `check`: for random or representation-dependent results, a predicate over the result.
 */
export interface GoldenCase {
  readonly expression: string;
  readonly scope?: ExpressionScope;
  readonly expected?: unknown;
  readonly errorCode?: string;
  /** Returns true when the result matches what the doc states. */
  readonly check?: (result: unknown) => boolean;
  /** What `check` asserts, for the failure message. */
  readonly checkDescription?: string;
  /** The doc page (path under `articles/`, or `includes/...`) and anchor the row checks. */
  readonly source: string;
  /** Why the expected value differs from the doc's literal text, or how the case was derived. */
  readonly note?: string;
}

const adfFunctions = "data-factory/control-flow-expression-language-functions.md";
const logicApps = "logic-apps/workflow-definition-language-functions-reference.md";

/** A section of ADF's "Expressions and functions" page. */
export function adf(anchor: string): string {
  return `${adfFunctions}#${anchor.toLowerCase()}`;
}

/** A section of the Logic Apps functions reference (the same language; used where ADF's page lacks the case). */
export function la(anchor: string): string {
  return `${logicApps}#${anchor.toLowerCase()}`;
}

/** Any other page under `articles/`. */
export function page(path: string, anchor?: string): string {
  return anchor ? `${path}#${anchor.toLowerCase()}` : path;
}
