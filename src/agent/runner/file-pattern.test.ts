import { mkdtemp, mkdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  compileFilePattern,
  expandVariables,
  patternHasWildcards,
  segmentMatches,
} from "./file-pattern.js";
import { findFiles } from "./find-files.js";

function matchesName(pattern: string, name: string): boolean {
  const [segment] = compileFilePattern(pattern).segments;
  return segment !== undefined && segmentMatches(segment, name);
}

describe("file patterns", () => {
  it("supports Batch's wildcards within a name", () => {
    expect(matchesName("abc*", "abc")).toBe(true);
    expect(matchesName("abc*", "abcdef")).toBe(true);
    expect(matchesName("a?c", "abc")).toBe(true);
    expect(matchesName("a?c", "ac")).toBe(false);
    expect(matchesName("[abc].txt", "b.txt")).toBe(true);
    expect(matchesName("[a-c].txt", "d.txt")).toBe(false);
    expect(matchesName("[!abc].txt", "d.txt")).toBe(true);
    expect(matchesName("[!abc].txt", "a.txt")).toBe(false);
    expect(matchesName("abc[*]", "abc*")).toBe(true);
    expect(matchesName("abc[*]", "abcd")).toBe(false);
    expect(matchesName("a(b)+.txt", "a(b)+.txt")).toBe(true);
  });

  it("matches names starting with a dot only when the pattern names the dot", () => {
    expect(matchesName("*.gif", ".a.gif")).toBe(false);
    expect(matchesName(".*.gif", ".a.gif")).toBe(true);
    expect(matchesName("?env", ".env")).toBe(false);
  });

  it("splits the literal base directory from the wildcard part", () => {
    expect(compileFilePattern("../std*.txt")).toMatchObject({ baseDir: "..", hasWildcards: true });
    expect(compileFilePattern("out/data.csv")).toMatchObject({
      baseDir: "out",
      hasWildcards: false,
    });
    expect(compileFilePattern("/abs/x/**/*.log")).toMatchObject({
      baseDir: "/abs/x",
      absolute: true,
    });
    expect(patternHasWildcards("a/b.txt")).toBe(false);
  });

  it("expands $VAR and ${VAR} from the task environment", () => {
    expect(
      expandVariables("$AZ_BATCH_TASK_DIR/${NAME}.txt", { AZ_BATCH_TASK_DIR: "/t", NAME: "n" }),
    ).toBe("/t/n.txt");
    expect(expandVariables("$UNSET/x", {})).toBe("/x");
  });
});

describe("findFiles", () => {
  let root: string;
  let wd: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "sluice-pattern-"));
    wd = path.join(root, "wd");
    for (const file of [
      "a.txt",
      "b.csv",
      ".hidden.txt",
      "sub/c.txt",
      "sub/deep/d.txt",
      ".git/e.txt",
      "sub/.cache/f.txt",
    ]) {
      await mkdir(path.dirname(path.join(wd, file)), { recursive: true });
      await writeFile(path.join(wd, file), file);
    }
    await writeFile(path.join(root, "stdout.txt"), "out");
    await writeFile(path.join(root, "stderr.txt"), "err");
    await symlink(wd, path.join(wd, "sub", "loop"));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const rels = async (pattern: string): Promise<string[]> =>
    (await findFiles(pattern, wd)).map((file) => file.relativePath);

  it("walks ** through any non-dot directory, without following link loops", async () => {
    expect(await rels("**/*.txt")).toEqual(["a.txt", "sub/c.txt", "sub/deep/d.txt"]);
    expect(await rels("sub/**")).toEqual(["c.txt", "deep/d.txt"]);
    expect(await rels("*")).toEqual(["a.txt", "b.csv"]);
  });

  it("reaches task-directory files with ../ and names literal files by their base name", async () => {
    expect(await rels("../std*.txt")).toEqual(["stderr.txt", "stdout.txt"]);
    const [stdout] = await findFiles("../stdout.txt", wd);
    expect(stdout).toEqual({
      relativePath: "stdout.txt",
      absolutePath: path.join(root, "stdout.txt"),
    });
    expect(await rels(".git/*.txt")).toEqual(["e.txt"]);
    expect(await rels("missing/*.txt")).toEqual([]);
    expect(await rels(`${wd}/sub/*.txt`)).toEqual(["c.txt"]);
  });
});
