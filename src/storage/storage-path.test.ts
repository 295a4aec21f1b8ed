import { describe, expect, it } from "vitest";
import { isSluiceError } from "../core/index.js";
import { checkRange, rangeLength } from "./byte-range.js";
import { parseContainerUrl } from "./azure-blob/azure-location.js";
import { checkStoragePath, checkStoragePrefix, comparePaths, splitPrefix } from "./storage-path.js";

function refusal(action: () => unknown): { code: string; message: string } {
  try {
    action();
  } catch (error) {
    if (isSluiceError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("checkStoragePath", () => {
  it("accepts relative paths with any printable names", () => {
    for (const path of ["a.txt", "a/b/c.txt", "..a", "a..", "é/文件 𝄞.txt", "a b/#%?.txt"]) {
      expect(checkStoragePath(path)).toBe(path);
    }
  });

  it.each([
    ["../x", "'..' segment"],
    ["a/../../x", "'..' segment"],
    ["a/./x", "'.' segment"],
    ["/etc/passwd", "never absolute"],
    ["C:/x", "never absolute"],
    ["a\\b", "never '\\'"],
    ["a\u0000b", "control characters"],
    ["a\nb", "control characters"],
    ["a//b", "'//'"],
    ["a/", "end with '/'"],
    ["", "non-empty"],
    ["x".repeat(1025), "at most 1024"],
  ])("refuses %j (%s)", (path, rule) => {
    const { code, message } = refusal(() => checkStoragePath(path, "filePath"));
    expect(code).toBe("StoragePathInvalid");
    expect(message).toContain("filePath");
    expect(message).toContain(rule);
  });

  it("refuses values that are not strings", () => {
    expect(refusal(() => checkStoragePath(42)).code).toBe("StoragePathInvalid");
  });
});

describe("checkStoragePrefix and splitPrefix", () => {
  it("accepts empty, partial and folder prefixes", () => {
    for (const prefix of ["", "a", "a/", "a/b", "a/..b", "a/."]) {
      expect(checkStoragePrefix(prefix)).toBe(prefix);
    }
  });

  it("refuses escapes in whole segments", () => {
    for (const prefix of ["../", "a/../b", "/a", "a//b", "a\\b"]) {
      expect(refusal(() => checkStoragePrefix(prefix)).code).toBe("StoragePathInvalid");
    }
  });

  it("splits at the last slash", () => {
    expect(splitPrefix("a/b/c")).toEqual({ folder: "a/b/", namePrefix: "c" });
    expect(splitPrefix("a/")).toEqual({ folder: "a/", namePrefix: "" });
    expect(splitPrefix("abc")).toEqual({ folder: "", namePrefix: "abc" });
  });
});

describe("comparePaths", () => {
  it("orders by code point, as UTF-8 bytes do", () => {
    const paths = ["b", "a/b", "a-b", "Z", "a", "\u{1d11e}", "\uffff", "é"];
    const byBytes = [...paths].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect([...paths].sort(comparePaths)).toEqual(byBytes);
    expect(comparePaths("\u{1d11e}", "\uffff")).toBe(1);
    expect(comparePaths("a", "a")).toBe(0);
  });
});

describe("checkRange", () => {
  it("defaults to the whole file and measures clamped lengths", () => {
    expect(checkRange(undefined)).toEqual({ start: 0, end: undefined });
    expect(rangeLength(checkRange({ start: 8, end: 100 }), 10)).toBe(2);
    expect(rangeLength(checkRange({ start: 12 }), 10)).toBe(0);
  });

  it("refuses negative, fractional and reversed ranges naming the field", () => {
    expect(refusal(() => checkRange({ start: -1 })).message).toContain("range start -1");
    expect(refusal(() => checkRange({ end: 1.5 })).message).toContain("range end 1.5");
    expect(refusal(() => checkRange({ start: 5, end: 4 })).code).toBe("StorageRangeInvalid");
  });
});

describe("parseContainerUrl", () => {
  it("accepts account-host and path-style URLs and hides the SAS", () => {
    const cloud = parseContainerUrl("https://acct.blob.core.windows.net/data?sv=1&sig=abc");
    expect(cloud.description).toBe("Azure Blob container https://acct.blob.core.windows.net/data");
    const local = parseContainerUrl("http://127.0.0.1:10000/devstoreaccount1/data?sig=abc");
    expect(local.url).toContain("sig=abc");
    expect(local.description).not.toContain("sig");
  });

  it("refuses URLs without exactly a container, never echoing the SAS", () => {
    const { code, message } = refusal(() =>
      parseContainerUrl("https://acct.blob.core.windows.net/data/file.txt?sig=secret"),
    );
    expect(code).toBe("InvalidArgument");
    expect(message).toContain("storageContainerUrl");
    expect(message).not.toContain("secret");
  });
});
