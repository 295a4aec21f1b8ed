import { describe, expect, it } from "vitest";
import { isSluiceError } from "../../core/index.js";
import { fileFormatOf } from "./file-format.js";
import { columnNames, firstRecord } from "./first-record.js";
import { strptimeFormat } from "./interim-types.js";
import { sinkFiles } from "./sink-naming.js";
import { compileWildcard, fixedFolderPrefix, hasWildcard } from "./wildcard.js";

const file = (path: string, relativePath = path) => ({
  file: { kind: "file" as const, path, size: 1, lastModified: new Date(0) },
  relativePath,
});

describe("wildcards", () => {
  it("match * and ? within one segment, with ^ escaping", () => {
    expect(compileWildcard("Folder*").test("FolderA")).toBe(true);
    expect(compileWildcard("Folder*").test("FolderA/Sub")).toBe(false);
    expect(compileWildcard("???2018.txt").test("ab2018.txt")).toBe(true);
    expect(compileWildcard("a^*b").test("a*b")).toBe(true);
    expect(compileWildcard("a^*b").test("axb")).toBe(false);
    expect(hasWildcard("a^*b")).toBe(false);
    expect(fixedFolderPrefix("raw/2024*/x")).toBe("raw");
  });
});

describe("first record of a delimited file", () => {
  const csv = { columnDelimiter: ",", quoteChar: '"', escapeChar: "\\" };
  it("reads quoted fields with escapes and waits for the end of a record", () => {
    expect(firstRecord('a,"b,\\"c",d\r\nx', csv, false)).toEqual(["a", 'b,"c', "d"]);
    expect(firstRecord('a,"b\nc",d\n', csv, false)).toEqual(["a", "b\nc", "d"]);
    expect(firstRecord('a,"b', csv, false)).toBeUndefined();
    expect(
      firstRecord("a;b", { columnDelimiter: ";", quoteChar: "", escapeChar: "" }, true),
    ).toEqual(["a", "b"]);
    expect(firstRecord('"a""b",c\n', { ...csv, escapeChar: '"' }, false)).toEqual(['a"b', "c"]);
    expect(firstRecord("", csv, true)).toEqual([]);
  });
  it("names columns as ADF does", () => {
    expect(columnNames(["id", "", "id"], true)).toEqual(["id", "Prop_1", "id_2"]);
    expect(columnNames(["1", "2"], false)).toEqual(["Prop_0", "Prop_1"]);
  });
});

describe("sink file names", () => {
  const files = [file("in/a.csv", "a.csv"), file("in/sub/b.csv", "sub/b.csv")];
  const sink = { container: "c", folderPath: "out", fileName: "" };
  it("preserves, flattens and merges", () => {
    const options = { runId: "r", extension: undefined };
    expect(
      sinkFiles(files, sink, { ...options, behavior: "PreserveHierarchy" }).map((f) => f.path),
    ).toEqual(["out/a.csv", "out/sub/b.csv"]);
    expect(
      sinkFiles(files, sink, { ...options, behavior: "FlattenHierarchy" }).map((f) => f.path),
    ).toEqual(["out/data_r_1.csv", "out/data_r_2.csv"]);
    const merged = sinkFiles(files, sink, {
      runId: "r",
      extension: ".parquet",
      behavior: "MergeFiles",
    });
    expect(merged).toEqual([{ path: "out/data_r.parquet", sources: files }]);
  });
  it("refuses one named sink file for several sources unless merging", () => {
    let error: unknown;
    try {
      sinkFiles(
        files,
        { ...sink, fileName: "x.csv" },
        { runId: "r", extension: undefined, behavior: "PreserveHierarchy" },
      );
    } catch (caught) {
      error = caught;
    }
    expect(isSluiceError(error, "InvalidArgument")).toBe(true);
  });
});

describe("formats", () => {
  const dataset = (type: string, typeProperties: Record<string, unknown>) => ({
    name: "D",
    type,
    properties: {},
    typeProperties,
  });
  it("fills ADF's DelimitedText defaults", () => {
    expect(fileFormatOf(dataset("DelimitedText", {}))).toEqual({
      kind: "delimited",
      columnDelimiter: ",",
      rowDelimiter: undefined,
      quoteChar: '"',
      escapeChar: "\\",
      firstRowAsHeader: false,
      nullValue: "",
      encoding: "utf-8",
      compression: "none",
    });
    expect(fileFormatOf(dataset("Parquet", {}))).toEqual({ kind: "parquet", codec: "snappy" });
    expect(fileFormatOf(dataset("Json", { compression: { type: "GZip" } }))).toMatchObject({
      compression: "gzip",
    });
  });
  it("refuses what it cannot read, naming the field", () => {
    for (const [type, props, field] of [
      ["Orc", {}, "type"],
      ["Avro", { avroCompressionCodec: "bzip2" }, "avroCompressionCodec"],
      ["Avro", { avroCompressionLevel: 12 }, "avroCompressionLevel"],
      ["DelimitedText", { rowDelimiter: "|~" }, "rowDelimiter"],
      ["Binary", { compression: { type: "ZipDeflate" } }, "compression.type"],
      ["Json", { encodingName: "klingon" }, "encodingName"],
    ] as const) {
      let error: unknown;
      try {
        fileFormatOf(dataset(type, props));
      } catch (caught) {
        error = caught;
      }
      expect(isSluiceError(error, "InvalidArgument") && error.message).toContain(
        field === "type" ? "Orc" : field,
      );
    }
  });
  it("turns .NET date formats into strptime ones", () => {
    expect(strptimeFormat("yyyy-MM-dd HH:mm:ss.fff")).toBe("%Y-%m-%d %H:%M:%S.%g");
    expect(strptimeFormat("dd/MM/yyyy")).toBe("%d/%m/%Y");
  });
});
