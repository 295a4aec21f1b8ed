/** A SQL string literal: `'...'` with quotes doubled (paths and options go to DuckDB this way). */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A quoted SQL identifier: `"..."` with quotes doubled, so any column name is safe. */
export function sqlIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A DuckDB list literal of strings: `['a', 'b']`. */
export function sqlStringList(items: readonly string[]): string {
  return `[${items.map(sqlString).join(", ")}]`;
}
