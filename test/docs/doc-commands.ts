// The shell commands shown in README.md and docs/*.md, by the convention CONTRIBUTING.md
// states: commands go in ```sh blocks; a line starting with `$ ` is a command and the lines
// after it (up to the next command) its output; in a block without `$ ` lines every line
// but `#` comments is a command. Other shell fences (bash, console, ...) are refused, so no
// command escapes the check.

/** One command shown in the docs. */
export interface DocCommand {
  readonly file: string;
  /** 1-based line in the file. */
  readonly line: number;
  /** As written, without the `$ ` prompt. */
  readonly text: string;
  /** The output the docs show under it, lines joined with \n; undefined when none is shown. */
  readonly output?: string;
}

/** Fence languages that would hide commands from the check. */
export const refusedShellFences = ["bash", "shell", "console", "zsh", "shell-session"];

/** Every command in a Markdown file's ```sh blocks, in order. Throws on a refused fence. */
export function docCommands(file: string, markdown: string): DocCommand[] {
  const lines = markdown.split("\n");
  const commands: DocCommand[] = [];
  let block: { start: number; body: string[] } | undefined;
  let inOtherFence = false;
  lines.forEach((line, index) => {
    const fence = /^```\s*([\w-]*)/.exec(line);
    if (!fence) {
      block?.body.push(line);
      return;
    }
    if (block) {
      commands.push(...blockCommands(file, block.start, block.body));
      block = undefined;
    } else if (inOtherFence) {
      inOtherFence = false;
    } else if (fence[1] === "sh") {
      block = { start: index + 2, body: [] };
    } else if (refusedShellFences.includes(fence[1] ?? "")) {
      throw new Error(`${file}:${index + 1}: use \`\`\`sh for shell commands, not ${fence[1]}`);
    } else {
      inOtherFence = true;
    }
  });
  return commands;
}

function blockCommands(file: string, firstLine: number, body: readonly string[]): DocCommand[] {
  const prompted = body.some((line) => line.startsWith("$ "));
  if (!prompted) {
    return body.flatMap((line, i) =>
      line.trim() === "" || line.trim().startsWith("#")
        ? []
        : [{ file, line: firstLine + i, text: line.trim() }],
    );
  }
  const commands: DocCommand[] = [];
  let current: { line: number; text: string; output: string[] } | undefined;
  const flush = (): void => {
    if (!current) return;
    const output = current.output.join("\n").trimEnd();
    commands.push({
      file,
      line: current.line,
      text: current.text,
      ...(output === "" ? {} : { output }),
    });
  };
  body.forEach((line, i) => {
    if (line.startsWith("$ ")) {
      flush();
      current = { line: firstLine + i, text: line.slice(2).trim(), output: [] };
    } else {
      current?.output.push(line);
    }
  });
  flush();
  return commands;
}

/** A command without a trailing `  # comment` (two spaces or more before the #). */
export function withoutComment(text: string): string {
  return text.replace(/\s{2,}#\s.*$/, "").trim();
}
