import { describe, expect, it } from "vitest";
import { BatchError } from "../batch-error.js";
import {
  nodeFileEntries,
  pageByName,
  parseNodeFileFilter,
  parseRecursive,
  selectNodeFiles,
} from "./node-file-listing.js";

const file = (name: string, lastModified = 10, creationTime = 5) => ({
  name,
  size: name.length,
  lastModified,
  creationTime,
});

describe("node file listing", () => {
  const entries = nodeFileEntries([
    file("workitems/j/job-1/t/stdout.txt", 30, 20),
    file("startup/stdout.txt"),
    file("workitems/j/job-1/u/stderr.txt", 40, 1),
  ]);

  it("adds each directory above the files once, sorted by name, with the newest time below it", () => {
    expect(entries.map((entry) => [entry.name, entry.isDirectory])).toEqual([
      ["startup", true],
      ["startup/stdout.txt", false],
      ["workitems", true],
      ["workitems/j", true],
      ["workitems/j/job-1", true],
      ["workitems/j/job-1/t", true],
      ["workitems/j/job-1/t/stdout.txt", false],
      ["workitems/j/job-1/u", true],
      ["workitems/j/job-1/u/stderr.txt", false],
    ]);
    expect(entries.find((entry) => entry.name === "workitems/j")).toMatchObject({
      lastModified: 40,
      creationTime: 1,
      size: 0,
    });
  });

  it("lists the root only unless recursive, then narrows by prefix", () => {
    expect(selectNodeFiles(entries, { recursive: false }).map((entry) => entry.name)).toEqual([
      "startup",
      "workitems",
    ]);
    const t = selectNodeFiles(entries, { recursive: true, prefix: "workitems/j/job-1/t" });
    expect(t.map((entry) => entry.name)).toEqual([
      "workitems/j/job-1/t",
      "workitems/j/job-1/t/stdout.txt",
    ]);
  });

  it("reads startswith filters and recursive flags, refusing anything else by name", () => {
    expect(parseNodeFileFilter(undefined)).toBeUndefined();
    expect(parseNodeFileFilter(" StartsWith( name , 'it''s/' ) ")).toBe("it's/");
    expect(() => parseNodeFileFilter("name eq 'x'")).toThrow(BatchError);
    expect(parseRecursive("TRUE")).toBe(true);
    expect(parseRecursive(undefined)).toBe(false);
    expect(() => parseRecursive("1")).toThrow(/recursive '1' is not valid/);
  });

  it("pages by name with a token that resumes after the last entry", () => {
    const first = pageByName(entries, { maxResults: 4 });
    expect(first.value).toHaveLength(4);
    const second = pageByName(entries, {
      maxResults: 4,
      continuationToken: first.continuationToken!,
    });
    const third = pageByName(entries, {
      maxResults: 4,
      continuationToken: second.continuationToken!,
    });
    expect(third.continuationToken).toBeUndefined();
    expect([...first.value, ...second.value, ...third.value]).toEqual(entries);
    expect(() => pageByName(entries, { continuationToken: "garbage" })).toThrow(/\$skiptoken/);
  });
});
