// Parses a formula: statements separated by `;`, each an assignment (`name = expression`) or
// an expression. Precedence, loosest first: `?:` (right to left), `||`, `&&`, `==` `!=`,
// `<` `<=` `>` `>=`, `+` `-`, `*` `/`, unary `-` `!`, then `.member` / `.Method(...)`.
import type { BinaryOperator, Expression, Formula, Statement } from "./ast.js";
import { maxFormulaLength, maxStatements, syntaxError, tooLongError } from "./formula-errors.js";
import { tokenize, type Operator, type Token } from "./lexer.js";
import { positionAt } from "./position.js";

/** Binary operators by precedence level, loosest first. */
const levels: readonly (readonly BinaryOperator[])[] = [
  ["||"],
  ["&&"],
  ["==", "!="],
  ["<", "<=", ">", ">="],
  ["+", "-"],
  ["*", "/"],
];

/**
 * Parses `source` into a {@link Formula}. Throws Batch's `AutoScalingFormulaTooLong` past
 * 8,192 characters or 100 statements, `AutoScalingFormulaSyntaxError` otherwise, each with
 * the line and column.
 */
export function parseFormula(source: string): Formula {
  if (source.length > maxFormulaLength) {
    throw tooLongError(
      positionAt(source, maxFormulaLength),
      `the formula has ${source.length} characters; at most ${maxFormulaLength} are allowed`,
    );
  }
  return new Parser(source, tokenize(source)).formula();
}

class Parser {
  private at = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: readonly Token[],
  ) {}

  formula(): Formula {
    const statements: Statement[] = [];
    while (this.peek().kind !== "end") {
      if (this.accept(";")) continue;
      const statement = this.statement();
      if (statements.length === maxStatements) {
        throw tooLongError(
          positionAt(this.source, statement.offset),
          `the formula has more than ${maxStatements} statements`,
        );
      }
      statements.push(statement);
      if (this.peek().kind !== "end") this.expect(";", "between statements");
    }
    if (statements.length === 0) {
      throw syntaxError(positionAt(this.source, 0), "the formula has no statement");
    }
    return { source: this.source, statements };
  }

  private statement(): Statement {
    const first = this.peek();
    const second = this.tokens[this.at + 1];
    if (first.kind === "name" && second?.kind === "operator" && second.text === "=") {
      this.at += 2;
      return { kind: "assign", name: first.text, value: this.expression(), offset: first.offset };
    }
    return { kind: "expression", value: this.expression(), offset: first.offset };
  }

  private expression(): Expression {
    const test = this.binary(0);
    const question = this.peek();
    if (!this.accept("?")) return test;
    const then = this.expression();
    this.expect(":", "in a conditional ('test ? a : b')");
    const otherwise = this.expression();
    return { kind: "conditional", test, then, otherwise, offset: question.offset };
  }

  private binary(level: number): Expression {
    const operators = levels[level];
    if (operators === undefined) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const token = this.peek();
      const operator = operators.find((op) => this.isOperator(token, op));
      if (operator === undefined) return left;
      this.at++;
      const right = this.binary(level + 1);
      left = { kind: "binary", operator, left, right, offset: token.offset };
    }
  }

  private unary(): Expression {
    const token = this.peek();
    for (const operator of ["-", "!"] as const) {
      if (this.accept(operator)) {
        return { kind: "unary", operator, operand: this.unary(), offset: token.offset };
      }
    }
    return this.postfix(this.primary());
  }

  private postfix(start: Expression): Expression {
    let target = start;
    while (this.accept(".")) {
      const name = this.peek();
      if (name.kind !== "name" || name.text.startsWith("$")) {
        throw this.unexpected(name, "a member or method name after '.'");
      }
      this.at++;
      target = this.accept("(")
        ? { kind: "method", target, name: name.text, args: this.args(), offset: name.offset }
        : { kind: "member", target, name: name.text, offset: name.offset };
    }
    return target;
  }

  private primary(): Expression {
    const token = this.peek();
    if (token.kind === "number" || token.kind === "string") {
      this.at++;
      return { kind: token.kind, value: token.value, offset: token.offset } as Expression;
    }
    if (token.kind === "name") {
      this.at++;
      if (this.accept("(")) {
        return { kind: "call", name: token.text, args: this.args(), offset: token.offset };
      }
      return { kind: "name", name: token.text, offset: token.offset };
    }
    if (this.accept("(")) {
      const inner = this.expression();
      this.expect(")", "to close '('");
      return inner;
    }
    throw this.unexpected(token, "a number, string, variable, function call or '('");
  }

  /** Arguments after `(`, up to and including `)`. */
  private args(): Expression[] {
    const args: Expression[] = [];
    if (this.accept(")")) return args;
    do args.push(this.expression());
    while (this.accept(","));
    this.expect(")", "to close the argument list");
    return args;
  }

  private peek(): Token {
    return this.tokens[this.at] ?? { kind: "end", offset: this.source.length };
  }

  private isOperator(token: Token, text: Operator): boolean {
    return token.kind === "operator" && token.text === text;
  }

  private accept(text: Operator): boolean {
    if (!this.isOperator(this.peek(), text)) return false;
    this.at++;
    return true;
  }

  private expect(text: Operator, why: string): void {
    if (!this.accept(text)) throw this.unexpected(this.peek(), `'${text}' ${why}`);
  }

  private unexpected(token: Token, wanted: string) {
    return syntaxError(
      positionAt(this.source, token.offset),
      `expected ${wanted} but found ${describe(token)}`,
    );
  }
}

function describe(token: Token): string {
  switch (token.kind) {
    case "end":
      return "the end of the formula";
    case "number":
      return `the number ${token.value}`;
    case "string":
      return `the string "${token.value}"`;
    case "name":
      return `'${token.text}'`;
    case "operator":
      return `'${token.text}'`;
  }
}
