import { describe, expect, test } from "vitest";
import { blobMatches, containerOf, listPrefixOf, triggerBodyOf } from "./blob-match.js";

const blob = (container: string, path: string) => ({ container, path });

describe("blob event matching, per ADF's examples", () => {
  test.each([
    [{ blobPathBeginsWith: "/containername/" }, blob("containername", "a/b.txt"), true],
    [{ blobPathBeginsWith: "/containername/" }, blob("other", "a/b.txt"), false],
    [
      { blobPathBeginsWith: "/containername/blobs/foldername/" },
      blob("containername", "foldername/x.csv"),
      true,
    ],
    [
      { blobPathBeginsWith: "/containername/blobs/foldername/" },
      blob("containername", "folder2/x.csv"),
      false,
    ],
    [
      { blobPathBeginsWith: "/containername/blobs/foldername/subfoldername/" },
      blob("containername", "foldername/subfoldername/x"),
      true,
    ],
    [
      { blobPathBeginsWith: "/containername/blobs/foldername/file.txt" },
      blob("containername", "foldername/file.txt"),
      true,
    ],
    [{ blobPathEndsWith: "file.txt" }, blob("any", "deep/path/file.txt"), true],
    [
      { blobPathEndsWith: "/containername/blobs/file.txt" },
      blob("containername", "file.txt"),
      true,
    ],
    [{ blobPathEndsWith: "/containername/blobs/file.txt" }, blob("other", "file.txt"), false],
    [{ blobPathEndsWith: "foldername/file.txt" }, blob("c1", "foldername/file.txt"), true],
    [{ blobPathEndsWith: "april/shoes.csv" }, blob("c2", "2018/april/shoes.csv"), true],
    [
      { blobPathEndsWith: ".csv", blobPathBeginsWith: "/orders/blobs/" },
      blob("orders", "x.json"),
      false,
    ],
  ])("%j matches %j: %s", (spec, ref, expected) => {
    expect(blobMatches(spec, ref)).toBe(expected);
  });

  test("listing scope and @triggerBody()", () => {
    expect(containerOf({ blobPathBeginsWith: "/orders/blobs/2018/" })).toBe("orders");
    expect(containerOf({})).toBeUndefined();
    expect(listPrefixOf({ blobPathBeginsWith: "/orders/blobs/2018/" })).toBe("2018/");
    expect(triggerBodyOf(blob("sample-data", "event-testing/moviesDB.csv"))).toEqual({
      folderPath: "sample-data/event-testing",
      fileName: "moviesDB.csv",
    });
    expect(triggerBodyOf(blob("c", "top.csv"))).toEqual({ folderPath: "c", fileName: "top.csv" });
  });
});
