import { SluiceError } from "../../core/index.js";

/** Characters a backslash escapes inside double quotes, as in a POSIX shell. */
const escapableInDoubleQuotes = new Set(['"', "\\", "$", "`", "\n"]);

function isBlank(ch: string): boolean {
  return ch === " " || ch === "\t" || ch === "\n" || ch === "\r";
}

function parseError(commandLine: string, reason: string, position: number): SluiceError {
  return new SluiceError(
    "InvalidArgument",
    `commandLine ${JSON.stringify(commandLine)} cannot be split into arguments: ${reason} at character ${position + 1}.`,
    { details: { field: "commandLine", value: commandLine, position } },
  );
}

/**
 * Splits a Batch command line into argv the way a Linux node does, without a shell: words are
 * separated by blanks; single quotes keep everything literally; double quotes keep everything
 * but `\"`, `\\`, `\$`, `` \` `` and backslash-newline; an unquoted backslash escapes the next
 * character. Nothing is expanded (no `$VAR`, globs, `~`), and `|`, `>`, `&&` are plain
 * arguments: a task that needs them runs `/bin/sh -c "..."`. Pure.
 * @throws SluiceError `InvalidArgument` on an unterminated quote, a trailing backslash, or a
 * command line with no words.
 */
export function parseCommandLine(commandLine: string): string[] {
  const words: string[] = [];
  let current = "";
  let inWord = false;
  let i = 0;
  while (i < commandLine.length) {
    const ch = commandLine.charAt(i);
    if (isBlank(ch)) {
      if (inWord) words.push(current);
      current = "";
      inWord = false;
      i += 1;
      continue;
    }
    inWord = true;
    if (ch === "'") {
      const end = commandLine.indexOf("'", i + 1);
      if (end < 0) throw parseError(commandLine, "unterminated single quote", i);
      current += commandLine.slice(i + 1, end);
      i = end + 1;
    } else if (ch === '"') {
      const [text, next] = readDoubleQuoted(commandLine, i);
      current += text;
      i = next;
    } else if (ch === "\\") {
      if (i + 1 >= commandLine.length) throw parseError(commandLine, "trailing backslash", i);
      const next = commandLine.charAt(i + 1);
      // Backslash-newline is a line continuation: both characters vanish.
      if (next !== "\n") current += next;
      i += 2;
    } else {
      current += ch;
      i += 1;
    }
  }
  if (inWord) words.push(current);
  if (words.length === 0) throw parseError(commandLine, "no program to run", 0);
  return words;
}

/** Reads a double-quoted span starting at the opening quote; returns its text and the next index. */
function readDoubleQuoted(commandLine: string, start: number): [string, number] {
  let text = "";
  let i = start + 1;
  while (i < commandLine.length) {
    const ch = commandLine.charAt(i);
    if (ch === '"') return [text, i + 1];
    if (ch === "\\" && i + 1 < commandLine.length) {
      const next = commandLine.charAt(i + 1);
      if (escapableInDoubleQuotes.has(next)) {
        if (next !== "\n") text += next;
        i += 2;
        continue;
      }
    }
    text += ch;
    i += 1;
  }
  throw parseError(commandLine, "unterminated double quote", start);
}
