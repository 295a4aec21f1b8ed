import { PassThrough } from "node:stream";
import { beforeEach, describe, expect, it } from "vitest";
import type { StorageConnector } from "../../src/storage/index.js";
import {
  collect,
  errorCode,
  escapingPaths,
  listed,
  patternBytes,
  patternStream,
  readAll,
  sha256,
} from "./storage-test-kit.js";

/** One empty storage for one test, and a way to put files in it. */
export interface ConformanceSubject {
  readonly storage: StorageConnector;
  /** Puts a file in place: `storage.write` for writable adapters, the backing store otherwise. */
  seed(path: string, data: string | Uint8Array): Promise<void>;
}

/** An adapter under test. */
export interface ConformanceTarget {
  readonly name: string;
  /** False for read-only adapters (HTTP): the write, list and delete cases are left out. */
  readonly writable: boolean;
  /** A fresh, empty storage; called before each test (after the file's `beforeAll`). */
  fresh(): Promise<ConformanceSubject>;
}

const fiveMiB = 5 * 1024 * 1024;

/** The shared storage port suite: every adapter runs the same cases. */
export function describeStorageConformance(target: ConformanceTarget): void {
  describe(`storage conformance: ${target.name}`, () => {
    let subject: ConformanceSubject;
    beforeEach(async () => {
      subject = await target.fresh();
    });
    const storage = (): StorageConnector => subject.storage;

    it("round-trips text, binary and empty files, with their sizes", async () => {
      const binary = Uint8Array.from({ length: 256 }, (_, index) => index);
      await subject.seed("text.txt", "héllo\nwörld\n");
      await subject.seed("binary.bin", binary);
      await subject.seed("empty.txt", "");
      expect((await readAll(await storage().read("text.txt"))).toString("utf8")).toBe(
        "héllo\nwörld\n",
      );
      expect(await readAll(await storage().read("binary.bin"))).toEqual(Buffer.from(binary));
      expect((await readAll(await storage().read("empty.txt"))).length).toBe(0);
      expect(await storage().stat("text.txt")).toMatchObject({ kind: "file", size: 14 });
      expect((await storage().stat("binary.bin"))?.size).toBe(256);
      expect((await storage().stat("empty.txt"))?.size).toBe(0);
      expect((await storage().stat("text.txt"))?.lastModified).toBeInstanceOf(Date);
    });

    it("reads 5 MiB as a stream, whole and in ranges", async () => {
      const data = patternBytes(fiveMiB, 11);
      await subject.seed("big/five.bin", data);
      expect(sha256(await readAll(await storage().read("big/five.bin")))).toBe(sha256(data));
      const tail = await readAll(await storage().read("big/five.bin", { start: fiveMiB - 1000 }));
      expect(sha256(tail)).toBe(sha256(data.subarray(fiveMiB - 1000)));
      const middle = await readAll(
        await storage().read("big/five.bin", { start: 4_000_000, end: 4_500_000 }),
      );
      // Hashes, not toEqual: a deep comparison of half a megabyte takes seconds.
      expect(sha256(middle)).toBe(sha256(data.subarray(4_000_000, 4_500_001)));
      expect((await storage().stat("big/five.bin"))?.size).toBe(fiveMiB);
    });

    it("reads byte ranges: start only, start and end, past the end", async () => {
      await subject.seed("digits.txt", "0123456789");
      const range = async (start?: number, end?: number): Promise<string> =>
        (await readAll(await storage().read("digits.txt", { start, end }))).toString();
      expect(await range(7)).toBe("789");
      expect(await range(2, 4)).toBe("234");
      expect(await range(0, 0)).toBe("0");
      expect(await range(undefined, 2)).toBe("012");
      expect(await range(8, 100)).toBe("89");
      expect(await range(10)).toBe("");
      expect(await range(25, 30)).toBe("");
    });

    it("refuses invalid ranges before reading", async () => {
      await subject.seed("digits.txt", "0123456789");
      expect(await errorCode(() => storage().read("digits.txt", { start: 5, end: 2 }))).toBe(
        "StorageRangeInvalid",
      );
      expect(await errorCode(() => storage().read("digits.txt", { start: -1 }))).toBe(
        "StorageRangeInvalid",
      );
      expect(await errorCode(() => storage().read("digits.txt", { start: 1.5 }))).toBe(
        "StorageRangeInvalid",
      );
    });

    it("reports missing files: stat undefined, exists false, read StorageNotFound", async () => {
      await subject.seed("folder/inner.txt", "x");
      expect(await storage().stat("missing.txt")).toBeUndefined();
      expect(await storage().exists("missing.txt")).toBe(false);
      expect(await storage().exists("folder/inner.txt")).toBe(true);
      expect(await storage().stat("folder")).toBeUndefined();
      expect(await errorCode(() => storage().read("missing.txt"))).toBe("StorageNotFound");
      expect(await errorCode(() => storage().read("nothing/here.txt"))).toBe("StorageNotFound");
    });

    it("handles nested paths and unicode names", async () => {
      const deep = "d1/d2/d3/d4/d5/leaf.txt";
      const unicode = "données/été ☀/文件 𝄞 #1 %20.txt";
      await subject.seed(deep, "deep");
      await subject.seed(unicode, "unicode");
      expect((await readAll(await storage().read(deep))).toString()).toBe("deep");
      expect((await readAll(await storage().read(unicode))).toString()).toBe("unicode");
      expect((await storage().stat(unicode))?.size).toBe(7);
      if (target.writable) {
        expect(await listed(storage().list(""))).toEqual([deep, unicode]);
      }
    });

    it("refuses escaping and malformed paths before any I/O", async () => {
      for (const path of escapingPaths) {
        expect(await errorCode(() => storage().read(path))).toBe("StoragePathInvalid");
        expect(await errorCode(() => storage().stat(path))).toBe("StoragePathInvalid");
        expect(await errorCode(() => storage().exists(path))).toBe("StoragePathInvalid");
      }
    });

    if (target.writable) describeWrites(() => subject);
    else describeReadOnly(() => subject);
  });
}

function describeReadOnly(current: () => ConformanceSubject): void {
  it("refuses list, write and delete as not supported", async () => {
    const storage = current().storage;
    expect(await errorCode(() => listed(storage.list("")))).toBe("StorageNotSupported");
    expect(await errorCode(() => storage.write("a.txt", "x"))).toBe("StorageNotSupported");
    expect(await errorCode(() => storage.delete("a.txt"))).toBe("StorageNotSupported");
    expect(await errorCode(() => storage.write("../a.txt", "x"))).toBe("StoragePathInvalid");
  });
}

function describeWrites(current: () => ConformanceSubject): void {
  const storage = (): StorageConnector => current().storage;

  it("writes 5 MiB from a stream without knowing its length", async () => {
    await storage().write("stream/five.bin", patternStream(fiveMiB, 65_536, 3));
    const expected = sha256(await readAll(patternStream(fiveMiB, 65_536, 3)));
    expect(sha256(await readAll(await storage().read("stream/five.bin")))).toBe(expected);
    expect((await storage().stat("stream/five.bin"))?.size).toBe(fiveMiB);
  });

  it("lists by prefix, recursively and one level, in code-point order", async () => {
    const files = ["b.txt", "a/b/c/3.txt", "ab.txt", "a/1.txt", "a-x.txt", "a/b/2.txt", "Z.txt"];
    for (const path of files) await storage().write(path, path);
    expect(await listed(storage().list(""))).toEqual([
      "Z.txt",
      "a-x.txt",
      "a/1.txt",
      "a/b/2.txt",
      "a/b/c/3.txt",
      "ab.txt",
      "b.txt",
    ]);
    expect(await listed(storage().list("a/"))).toEqual(["a/1.txt", "a/b/2.txt", "a/b/c/3.txt"]);
    expect(await listed(storage().list("a/b"))).toEqual(["a/b/2.txt", "a/b/c/3.txt"]);
    expect(await listed(storage().list("a"))).toHaveLength(5);
    expect(await listed(storage().list("", { recursive: false }))).toEqual([
      "Z.txt",
      "a-x.txt",
      "a/",
      "ab.txt",
      "b.txt",
    ]);
    expect(await listed(storage().list("a/", { recursive: false }))).toEqual(["a/1.txt", "a/b/"]);
    expect(await listed(storage().list("nothing/"))).toEqual([]);
    const [entry] = await collect(storage().list("a/1"));
    expect(entry).toMatchObject({ kind: "file", path: "a/1.txt", size: 7 });
    expect(await errorCode(() => listed(storage().list("../")))).toBe("StoragePathInvalid");
  });

  it("overwrites a file with a shorter one, keeping a content type", async () => {
    await storage().write("over.txt", "a longer first version");
    await storage().write("over.txt", "short", { contentType: "text/plain" });
    expect((await readAll(await storage().read("over.txt"))).toString()).toBe("short");
    expect((await storage().stat("over.txt"))?.size).toBe(5);
    expect(await listed(storage().list(""))).toEqual(["over.txt"]);
  });

  it("deletes files, reports deleting a missing one, and keeps siblings", async () => {
    await storage().write("dir/one.txt", "1");
    await storage().write("dir/two.txt", "2");
    await storage().write("dir/sub/three.txt", "3");
    expect(await storage().delete("dir/one.txt")).toBe(true);
    expect(await storage().delete("dir/one.txt")).toBe(false);
    expect(await storage().delete("never/was.txt")).toBe(false);
    expect(await storage().delete("dir/sub/three.txt")).toBe(true);
    expect(await storage().exists("dir/one.txt")).toBe(false);
    expect(await listed(storage().list(""))).toEqual(["dir/two.txt"]);
    expect(await listed(storage().list("", { recursive: false }))).toEqual(["dir/"]);
    expect(await storage().delete("dir/two.txt")).toBe(true);
    expect(await listed(storage().list("", { recursive: false }))).toEqual([]);
  });

  it("leaves one whole file when writers of one path race", async () => {
    const size = 300_000;
    const bodies = Array.from({ length: 8 }, (_, index) => Buffer.alloc(size, index + 1));
    const results = await Promise.allSettled(
      bodies.map((body, index) =>
        storage().write("race.bin", index % 2 === 0 ? body : patternOf(body)),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled").length).toBeGreaterThan(0);
    const final = await readAll(await storage().read("race.bin"));
    expect(final.length).toBe(size);
    expect(bodies.some((body) => body.equals(final))).toBe(true);
    expect(await listed(storage().list(""))).toEqual(["race.bin"]);
  });

  it("never shows a half-written file, and a failed write changes nothing", async () => {
    await storage().write("atomic.txt", "old");
    const body = new PassThrough();
    const writing = storage().write("atomic.txt", body);
    body.write("new first half, ");
    await waitUntilRead(body);
    expect((await readAll(await storage().read("atomic.txt"))).toString()).toBe("old");
    expect(await listed(storage().list(""))).toEqual(["atomic.txt"]);
    body.end("second half");
    await writing;
    expect((await readAll(await storage().read("atomic.txt"))).toString()).toBe(
      "new first half, second half",
    );
    const failing = new PassThrough();
    const failed = storage().write("atomic.txt", failing);
    failing.write("partial");
    failing.destroy(new Error("the source broke"));
    await expect(failed).rejects.toThrow("the source broke");
    expect((await readAll(await storage().read("atomic.txt"))).toString()).toBe(
      "new first half, second half",
    );
    expect(await listed(storage().list(""))).toEqual(["atomic.txt"]);
  });

  it("refuses escaping paths for write and delete, writing nothing", async () => {
    for (const path of escapingPaths) {
      expect(await errorCode(() => storage().write(path, "escape"))).toBe("StoragePathInvalid");
      expect(await errorCode(() => storage().delete(path))).toBe("StoragePathInvalid");
    }
    expect(await listed(storage().list(""))).toEqual([]);
  });
}

// A stream rather than bytes, so racing writers use both body kinds.
function patternOf(body: Buffer): PassThrough {
  const stream = new PassThrough();
  stream.end(body);
  return stream;
}

// The connector has taken the first chunk once the PassThrough's buffer is drained.
async function waitUntilRead(stream: PassThrough): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (stream.readableLength > 0) {
    if (Date.now() > deadline) throw new Error("the write never consumed its body");
    await new Promise((resolve) => setImmediate(resolve));
  }
}
