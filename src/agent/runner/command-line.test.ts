import { describe, expect, it } from "vitest";
import { isSluiceError } from "../../core/index.js";
import { parseCommandLine } from "./command-line.js";

describe("parseCommandLine", () => {
  it("splits on blanks and keeps quoted spans together", () => {
    expect(parseCommandLine("  python3   script.py\t--n 3 ")).toEqual([
      "python3",
      "script.py",
      "--n",
      "3",
    ]);
    expect(parseCommandLine(`/bin/sh -c "echo $HOME && ls"`)).toEqual([
      "/bin/sh",
      "-c",
      "echo $HOME && ls",
    ]);
    expect(parseCommandLine(`echo 'it''s' "a b"c`)).toEqual(["echo", "its", "a bc"]);
    expect(parseCommandLine(`prog "" ''`)).toEqual(["prog", "", ""]);
  });

  it("applies backslash escapes as a POSIX shell does, and expands nothing", () => {
    expect(parseCommandLine(String.raw`echo a\ b \"q\" \$X`)).toEqual(["echo", "a b", '"q"', "$X"]);
    expect(parseCommandLine(String.raw`echo "x\"y\\z\n"`)).toEqual(["echo", String.raw`x"y\z\n`]);
    expect(parseCommandLine(String.raw`echo 'no\escape'`)).toEqual(["echo", String.raw`no\escape`]);
    expect(parseCommandLine("a \\\nb")).toEqual(["a", "b"]);
    expect(parseCommandLine("cat *.txt > out | wc ~")).toEqual([
      "cat",
      "*.txt",
      ">",
      "out",
      "|",
      "wc",
      "~",
    ]);
  });

  it("refuses unterminated quotes, a trailing backslash and empty command lines", () => {
    for (const bad of [`echo "open`, "echo 'open", "echo \\", "   ", ""]) {
      let caught: unknown;
      try {
        parseCommandLine(bad);
      } catch (error) {
        caught = error;
      }
      expect(isSluiceError(caught, "InvalidArgument"), bad).toBe(true);
    }
  });
});
