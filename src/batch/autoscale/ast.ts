// The formula's syntax tree: readonly nodes tagged with `kind`; `offset` is where each starts.

export type BinaryOperator =
  "+" | "-" | "*" | "/" | "<" | "<=" | ">" | ">=" | "==" | "!=" | "&&" | "||";
export type UnaryOperator = "-" | "!";

export type Expression =
  | { readonly kind: "number"; readonly value: number; readonly offset: number }
  | { readonly kind: "string"; readonly value: string; readonly offset: number }
  /** A variable or constant by name, `$` kept as written. */
  | { readonly kind: "name"; readonly name: string; readonly offset: number }
  | {
      readonly kind: "unary";
      readonly operator: UnaryOperator;
      readonly operand: Expression;
      readonly offset: number;
    }
  | {
      readonly kind: "binary";
      readonly operator: BinaryOperator;
      readonly left: Expression;
      readonly right: Expression;
      readonly offset: number;
    }
  | {
      readonly kind: "conditional";
      readonly test: Expression;
      readonly then: Expression;
      readonly otherwise: Expression;
      readonly offset: number;
    }
  | {
      readonly kind: "call";
      readonly name: string;
      readonly args: readonly Expression[];
      readonly offset: number;
    }
  /** `target.Method(args)`: a sample method of a service-defined variable. */
  | {
      readonly kind: "method";
      readonly target: Expression;
      readonly name: string;
      readonly args: readonly Expression[];
      readonly offset: number;
    }
  /** `target.member`: a member of a timestamp (`year`, `hour`...). */
  | {
      readonly kind: "member";
      readonly target: Expression;
      readonly name: string;
      readonly offset: number;
    };

export type Statement =
  | {
      readonly kind: "assign";
      readonly name: string;
      readonly value: Expression;
      readonly offset: number;
    }
  | { readonly kind: "expression"; readonly value: Expression; readonly offset: number };

/** A parsed formula: its statements in order, and the text (for positions). */
export interface Formula {
  readonly source: string;
  readonly statements: readonly Statement[];
}
