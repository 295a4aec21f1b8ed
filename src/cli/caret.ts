/** The line of `text` holding `position`, and a caret under its column, indented two spaces. */
export function caretUnder(text: string, position: { line: number; column: number }): string[] {
  const line = text.split("\n")[position.line - 1] ?? "";
  return [`  ${line}`, `  ${" ".repeat(Math.max(0, position.column - 1))}^`];
}
