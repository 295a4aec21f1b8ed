import type { FunctionDefinition } from "./functions/index.js";

/**
 * The syntax tree of an expression. Nodes are immutable and tagged with a literal `kind`;
 * the evaluator switches over `kind` exhaustively. `offset` is the node's start in the
 * original string value (for error positions).
 */
export type ExpressionNode = LiteralNode | CallNode | MemberNode | IndexNode;

export interface LiteralNode {
  readonly kind: "literal";
  readonly value: unknown;
  readonly offset: number;
}

/** An accessor such as `pipeline()` or `item()`, evaluated from the scope. */
export type AccessorName =
  | "pipeline"
  | "variables"
  | "activity"
  | "item"
  | "dataset"
  | "linkedService"
  | "trigger"
  | "triggerBody";

export interface CallNode {
  readonly kind: "call";
  /** The name as written. */
  readonly name: string;
  /** Set for accessors; otherwise `fn` is set. */
  readonly accessor: AccessorName | undefined;
  readonly fn: FunctionDefinition | undefined;
  readonly args: readonly ExpressionNode[];
  readonly offset: number;
}

/** `.name` or `?.name`. */
export interface MemberNode {
  readonly kind: "member";
  readonly target: ExpressionNode;
  readonly name: string;
  readonly nullSafe: boolean;
  readonly offset: number;
}

/** `[index]` or `?[index]`. */
export interface IndexNode {
  readonly kind: "index";
  readonly target: ExpressionNode;
  readonly index: ExpressionNode;
  readonly nullSafe: boolean;
  readonly offset: number;
}

/**
 * A whole JSON string value, compiled: a plain literal string, one expression (`@...`,
 * yielding a typed value), or a template with `@{...}` parts (always yielding a string).
 */
export type CompiledValue =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "expression"; readonly node: ExpressionNode }
  | { readonly kind: "template"; readonly parts: readonly (string | ExpressionNode)[] };
