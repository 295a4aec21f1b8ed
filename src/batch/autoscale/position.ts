// Where something is in a formula, as Batch reports it ("Line 1, Col 37").

/** A place in the formula text: 1-based line and column, 0-based offset. */
export interface Position {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/** The line and column of `offset` in `source`; lines end at `\n`. */
export function positionAt(source: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1, offset };
}

/** Batch's prefix for a message about a place: `Line 2, Col 5`. */
export function describePosition(position: Position): string {
  return `Line ${position.line}, Col ${position.column}`;
}
