import { readFile, utimes } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock, systemClock } from "../../src/core/index.js";
import { createCopyExecutor } from "../../src/factory/activities/copy-activity.js";
import { outputOf } from "../factory-activities/activity-kit.js";
import { copyOf, dataFolders, dataset, linkedServices, ref, type DataFolders } from "./data-kit.js";

describe("Copy file selection, copy behaviours and binary compression (local)", () => {
  let folders: DataFolders;
  const defs = () => ({
    linkedServices: linkedServices(folders.share),
    datasets: [
      dataset("Bin", "Binary", "Local"),
      dataset("BinGz", "Binary", "Local", { compression: { type: "GZip", level: "Fastest" } }),
      dataset("BinBz", "Binary", "Share", { compression: { type: "BZip2" } }),
      dataset("BinDeflate", "Binary", "Local", { compression: { type: "Deflate" } }),
      dataset("Csv", "DelimitedText", "Local", { firstRowAsHeader: true }),
    ],
  });
  const executor = (clock = systemClock) =>
    createCopyExecutor({
      clock,
      localStorageRoot: folders.root,
      tempRoot: folders.temp,
      progressIntervalMs: 0,
    });
  const copy = (
    input: Record<string, string>,
    output: Record<string, string>,
    props: Record<string, unknown> = {},
    names = ["Bin", "Bin"],
  ) =>
    executor().run(
      copyOf(defs(), ref(names[0] ?? "Bin", input), ref(names[1] ?? "Bin", output), props, {
        activityRunId: "run1",
      }),
    );

  beforeAll(async () => {
    folders = await dataFolders();
    await folders.put("storage/src/FolderA/File1.csv", "a\n1\n");
    await folders.put("storage/src/FolderA/File2.json", "{}");
    await folders.put("storage/src/FolderA/Subfolder1/File3.csv", "a\n3\n");
    await folders.put("storage/src/FolderA/Subfolder1/File4.json", "[]");
    await folders.put("storage/src/FolderA/Subfolder1/File5.csv", "a\n5\n");
    await folders.put("storage/src/AnotherFolderB/File6.csv", "a\n6\n");
    const old = new Date("2020-01-01T00:00:00Z");
    await utimes(join(folders.root, "src/FolderA/File1.csv"), old, old);
  });
  afterAll(() => folders.remove());

  it("copies binary files side by side up to parallelCopies, and refuses a bad value", async () => {
    const parallel = await copy(
      { container: "src" },
      { container: "par" },
      { parallelCopies: 3, source: { storeSettings: { recursive: true } } },
    );
    expect(outputOf(parallel)).toMatchObject({
      filesRead: 6,
      filesWritten: 6,
      usedParallelCopies: 3,
    });
    expect(await folders.files("storage/par")).toHaveLength(6);
    expect(await readFile(join(folders.root, "par/FolderA/Subfolder1/File5.csv"), "utf8")).toBe(
      "a\n5\n",
    );
    const refused = await copy({ container: "src" }, { container: "bad" }, { parallelCopies: 0 })
      .then(() => undefined)
      .catch((error: unknown) => error);
    expect(String(refused)).toContain("parallelCopies is 0; allowed: a whole number from 1 to 256");
    expect(await folders.files("storage/bad")).toEqual([]);
  });

  it("selects files by wildcardFolderPath and wildcardFileName, recursive or not (ADF's examples)", async () => {
    const flat = await copy(
      { container: "src" },
      { container: "w1" },
      {
        source: {
          storeSettings: { recursive: false, wildcardFolderPath: "Folder*", wildcardFileName: "*" },
        },
      },
    );
    expect(outputOf(flat)).toMatchObject({ filesRead: 2, filesWritten: 2 });
    expect(await folders.files("storage/w1")).toEqual(["FolderA/File1.csv", "FolderA/File2.json"]);
    const deep = await copy(
      { container: "src" },
      { container: "w2" },
      {
        source: {
          storeSettings: {
            recursive: true,
            wildcardFolderPath: "Folder*",
            wildcardFileName: "*.csv",
          },
        },
      },
    );
    expect(outputOf(deep).filesRead).toBe(3);
    expect(await folders.files("storage/w2")).toEqual([
      "FolderA/File1.csv",
      "FolderA/Subfolder1/File3.csv",
      "FolderA/Subfolder1/File5.csv",
    ]);
  });

  it("preserves the hierarchy below the dataset folder, flattens with generated names, merges into one", async () => {
    const preserve = await copy(
      { container: "src", folder: "FolderA" },
      { container: "p", folder: "out" },
    );
    expect(outputOf(preserve)).toMatchObject({
      filesRead: 5,
      filesWritten: 5,
      dataRead: 16,
      dataWritten: 16,
    });
    expect(await folders.files("storage/p")).toEqual([
      "out/File1.csv",
      "out/File2.json",
      "out/Subfolder1/File3.csv",
      "out/Subfolder1/File4.json",
      "out/Subfolder1/File5.csv",
    ]);
    const flatten = await copy(
      { container: "src", folder: "FolderA" },
      { container: "f" },
      {
        source: { storeSettings: { wildcardFileName: "*.csv" } },
        sink: { storeSettings: { copyBehavior: "FlattenHierarchy" } },
      },
    );
    expect(outputOf(flatten).filesWritten).toBe(3);
    expect(await folders.files("storage/f")).toEqual([
      "data_run1_1.csv",
      "data_run1_2.csv",
      "data_run1_3.csv",
    ]);
    const merge = await copy(
      { container: "src", folder: "FolderA" },
      { container: "m", file: "all.csv" },
      {
        source: { storeSettings: { wildcardFileName: "*.csv" } },
        sink: { storeSettings: { copyBehavior: "MergeFiles" } },
      },
      ["Csv", "Csv"],
    );
    expect(outputOf(merge)).toMatchObject({ filesRead: 3, filesWritten: 1, rowsCopied: 3 });
    expect(await readFile(join(folders.root, "m/all.csv"), "utf8")).toBe("a\r\n1\r\n3\r\n5\r\n");
  });

  it("filters by modified time and deletes the sources after a successful copy", async () => {
    const recent = await copy(
      { container: "src", folder: "FolderA" },
      { container: "t" },
      {
        source: {
          storeSettings: {
            modifiedDatetimeStart: "2021-01-01T00:00:00Z",
            wildcardFileName: "File1*",
          },
        },
      },
    );
    expect(outputOf(recent).filesRead).toBe(0);
    const old = await copy(
      { container: "src", folder: "FolderA" },
      { container: "t" },
      {
        source: { storeSettings: { modifiedDatetimeEnd: "2021-01-01T00:00:00", recursive: false } },
      },
    );
    expect(await folders.files("storage/t")).toEqual(["File1.csv"]);
    expect(outputOf(old).filesRead).toBe(1);
    await folders.put("storage/move/a.txt", "A");
    await folders.put("storage/move/b.txt", "B");
    const moved = await copy(
      { container: "move" },
      { container: "moved" },
      {
        source: { storeSettings: { deleteFilesAfterCompletion: true } },
      },
    );
    expect(outputOf(moved).filesWritten).toBe(2);
    expect(await folders.files("storage/move")).toEqual([]);
    expect(await folders.files("storage/moved")).toEqual(["a.txt", "b.txt"]);
  });

  it("changes compression on the way: gzip -> bzip2 (share) -> deflate -> none", async () => {
    const text = "line\n".repeat(10_000);
    await folders.put("storage/z/in.txt.gz", gzipSync(text));
    const toBz = await copy(
      { container: "z", file: "in.txt.gz" },
      { folder: "bz", file: "x.bz2" },
      {},
      ["BinGz", "BinBz"],
    );
    expect(outputOf(toBz).dataWritten).toBeGreaterThan(0);
    expect(
      await readFile(join(folders.share, "bz/x.bz2")).then((b) => b.subarray(0, 3).toString()),
    ).toBe("BZh");
    await copy({ folder: "bz", file: "x.bz2" }, { container: "z", file: "x.deflate" }, {}, [
      "BinBz",
      "BinDeflate",
    ]);
    const plain = await copy(
      { container: "z", file: "x.deflate" },
      { container: "z", file: "x.txt" },
      {},
      ["BinDeflate", "Bin"],
    );
    expect(outputOf(plain).dataWritten).toBe(text.length);
    expect(await readFile(join(folders.root, "z/x.txt"), "utf8")).toBe(text);
  });

  it("reports progress as files are copied", async () => {
    const clock = new ManualClock(0);
    const invocation = copyOf(
      defs(),
      ref("Bin", { container: "src" }),
      ref("Bin", { container: "prog" }),
      {},
    );
    const outcome = await executor(clock).run(invocation);
    expect(outputOf(outcome).filesWritten).toBe(6);
    // With no interval every file reports: the counts so far, growing to the total.
    const files = invocation.progress.map((p) => (p as { filesWritten: number }).filesWritten);
    expect(files).toEqual([1, 2, 3, 4, 5, 6]);
    expect(invocation.progress[0]).toMatchObject({
      filesRead: 1,
      copyDuration: 0,
      executionDetails: [{ status: "InProgress", start: new Date(0).toISOString() }],
    });
    expect(invocation.progress[0]).not.toHaveProperty("rowsRead");
    expect(invocation.saved).toEqual([]);
  });
});
