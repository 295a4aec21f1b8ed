import { SluiceError, type ErrorCode } from "../core/index.js";

/** Where in an expression's text something is: 1-based line and column, 0-based offset. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/**
 * A parse or evaluation failure of an expression. Functions throw it without a position;
 * the evaluator adds the position of the call or token that failed (see {@link locate}).
 */
export class ExpressionError extends SluiceError {
  /** The position of the offending token, when known. */
  readonly position: SourcePosition | undefined;
  /** The message without the position suffix. */
  readonly plainMessage: string;

  constructor(
    code: ErrorCode,
    message: string,
    position?: SourcePosition,
    details: Readonly<Record<string, unknown>> = {},
  ) {
    super(code, position ? `${message} (at ${position.line}:${position.column})` : message, {
      details: position ? { ...details, line: position.line, column: position.column } : details,
    });
    this.name = "ExpressionError";
    this.position = position;
    this.plainMessage = message;
  }

  /** This error at `position`, unless it already has one. */
  locate(position: SourcePosition): ExpressionError {
    if (this.position) return this;
    return new ExpressionError(this.code, this.plainMessage, position, this.details);
  }
}

/** Throws an {@link ExpressionError}; shorthand for function implementations. */
export function fail(
  code: ErrorCode,
  message: string,
  details?: Readonly<Record<string, unknown>>,
): never {
  throw new ExpressionError(code, message, undefined, details);
}

/** The 1-based line and column of `offset` in `text`. */
export function positionAt(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1, offset };
}
