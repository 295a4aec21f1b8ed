import { describe, expect, it } from "vitest";
import { docCommands, withoutComment } from "./doc-commands.js";

describe("docCommands", () => {
  it("reads prompted commands with their output, and plain blocks line by line", () => {
    const md = [
      "Intro",
      "```sh",
      "$ echo a",
      "a",
      "$ true",
      "```",
      "```json",
      '{ "$ not": "a command" }',
      "```",
      "```sh",
      "# a comment",
      "make it  # why",
      "",
      "```",
    ].join("\n");
    expect(docCommands("x.md", md)).toEqual([
      { file: "x.md", line: 3, text: "echo a", output: "a" },
      { file: "x.md", line: 5, text: "true" },
      { file: "x.md", line: 12, text: "make it  # why" },
    ]);
    expect(withoutComment("make it  # why")).toBe("make it");
    expect(withoutComment("echo '#x'")).toBe("echo '#x'");
  });

  it("refuses shell fences other than sh", () => {
    expect(() => docCommands("y.md", "```bash\nls\n```")).toThrow(/y.md:1: use ```sh/);
  });
});
