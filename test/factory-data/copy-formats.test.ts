import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/core/index.js";
import { createCopyExecutor } from "../../src/factory/activities/copy-activity.js";
import { outputOf } from "../factory-activities/activity-kit.js";
import {
  copyOf,
  dataFolders,
  dataset,
  duckRows,
  duckTypes,
  linkedServices,
  ref,
  type DataFolders,
} from "./data-kit.js";

describe("Copy between formats on local containers", () => {
  let folders: DataFolders;
  const defs = () => ({
    linkedServices: linkedServices(folders.share),
    datasets: [
      dataset("Csv", "DelimitedText", "Local", {
        columnDelimiter: ",",
        firstRowAsHeader: true,
        quoteChar: '"',
        escapeChar: "\\",
      }),
      dataset("CsvSemi", "DelimitedText", "Local", {
        columnDelimiter: ";",
        firstRowAsHeader: false,
        nullValue: "NULL",
        quoteChar: "'",
        escapeChar: "'",
      }),
      dataset("CsvGz", "DelimitedText", "Local", {
        firstRowAsHeader: true,
        compressionCodec: "gzip",
      }),
      dataset("Parquet", "Parquet", "Local", { compressionCodec: "snappy" }),
      dataset("ParquetGzip", "Parquet", "Local", { compressionCodec: "gzip" }),
      dataset("Json", "Json", "Local"),
      dataset("JsonShare", "Json", "Share"),
    ],
  });
  const executor = () =>
    createCopyExecutor({
      clock: systemClock,
      localStorageRoot: folders.root,
      tempRoot: folders.temp,
    });

  beforeAll(async () => {
    folders = await dataFolders();
    await folders.put(
      "storage/raw/people.csv",
      'id,name,born,score,active\r\n1,"Ann \\"A\\" B",1990-01-02,1.5,true\r\n2,"Bob, Jr.",1985-12-31,,false\r\n3,,2001-07-04,-2,true\r\n',
    );
  });
  afterAll(() => folders.remove());

  it("converts CSV to Parquet with typed column mapping and reports ADF's counts", async () => {
    const outcome = await executor().run(
      copyOf(
        defs(),
        ref("Csv", { container: "raw", file: "people.csv" }),
        ref("Parquet", { container: "lake", folder: "people" }),
        {
          translator: {
            type: "TabularTranslator",
            mappings: [
              { source: { name: "id" }, sink: { name: "Id", type: "Int32" } },
              { source: { name: "name" }, sink: { name: "Name" } },
              { source: { name: "born" }, sink: { name: "Born", type: "DateTime" } },
              { source: { name: "score" }, sink: { name: "Score", type: "Double" } },
              { source: { name: "active" }, sink: { name: "Active", type: "Boolean" } },
            ],
          },
        },
      ),
    );
    const output = outputOf(outcome);
    expect(output).toMatchObject({
      rowsRead: 3,
      rowsCopied: 3,
      filesRead: 1,
      filesWritten: 1,
      errors: [],
    });
    expect(output.dataRead).toBeGreaterThan(100);
    expect(output.dataWritten).toBeGreaterThan(100);
    expect(await folders.files("storage/lake")).toEqual(["people/people.csv"]);
    const file = `read_parquet('${join(folders.root, "lake/people/people.csv")}')`;
    expect(await duckTypes(`SELECT * FROM ${file}`)).toEqual({
      Id: "INTEGER",
      Name: "VARCHAR",
      Born: "TIMESTAMP",
      Score: "DOUBLE",
      Active: "BOOLEAN",
    });
    const rows = await duckRows(
      `SELECT Id, Name, Score, Active, strftime(Born, '%Y-%m-%d') AS d FROM ${file} ORDER BY Id`,
    );
    expect(rows).toEqual([
      { Id: 1, Name: 'Ann "A" B', Score: 1.5, Active: true, d: "1990-01-02" },
      { Id: 2, Name: "Bob, Jr.", Score: null, Active: false, d: "1985-12-31" },
      { Id: 3, Name: null, Score: -2, Active: true, d: "2001-07-04" },
    ]);
  });

  it("reads CSV columns as text without a mapping, as ADF does", async () => {
    const outcome = await executor().run(
      copyOf(
        defs(),
        ref("Csv", { container: "raw", file: "people.csv" }),
        ref("ParquetGzip", { container: "lake", file: "text.parquet" }),
      ),
    );
    expect(outputOf(outcome).rowsCopied).toBe(3);
    const file = `read_parquet('${join(folders.root, "lake/text.parquet")}')`;
    expect(Object.values(await duckTypes(`SELECT * FROM ${file}`))).toEqual(
      Array(5).fill("VARCHAR"),
    );
    const codecs = await duckRows(
      `SELECT DISTINCT compression FROM parquet_metadata('${join(folders.root, "lake/text.parquet")}')`,
    );
    expect(codecs).toEqual([{ compression: "GZIP" }]);
  });

  it("round-trips Parquet to JSON lines, JSON arrays and back, keeping types", async () => {
    await executor().run(
      copyOf(
        defs(),
        ref("Csv", { container: "raw", file: "people.csv" }),
        ref("Parquet", { container: "lake", file: "typed.parquet" }),
        {
          translator: {
            mappings: [
              { source: { name: "id" }, sink: { name: "id", type: "Int64" } },
              { source: { name: "score" }, sink: { name: "score", type: "Double" } },
            ],
          },
        },
      ),
    );
    const lines = await executor().run(
      copyOf(
        defs(),
        ref("Parquet", { container: "lake", file: "typed.parquet" }),
        ref("Json", { container: "json", file: "lines.json" }),
      ),
    );
    expect(outputOf(lines).rowsCopied).toBe(3);
    const text = await readFile(join(folders.root, "json/lines.json"), "utf8");
    expect(
      text
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as unknown),
    ).toEqual([
      { id: 1, score: 1.5 },
      { id: 2, score: null },
      { id: 3, score: -2 },
    ]);
    const array = await executor().run(
      copyOf(
        defs(),
        ref("Json", { container: "json", file: "lines.json" }),
        ref("JsonShare", { folder: "out", file: "array.json" }),
        {
          sink: {
            type: "JsonSink",
            formatSettings: { type: "JsonWriteSettings", filePattern: "arrayOfObjects" },
          },
        },
      ),
    );
    expect(outputOf(array).rowsCopied).toBe(3);
    const parsed = JSON.parse(
      await readFile(join(folders.share, "out/array.json"), "utf8"),
    ) as unknown;
    expect(parsed).toEqual([
      { id: 1, score: 1.5 },
      { id: 2, score: null },
      { id: 3, score: -2 },
    ]);
    const back = await executor().run(
      copyOf(
        defs(),
        ref("JsonShare", { folder: "out", file: "array.json" }),
        ref("Parquet", { container: "lake", file: "back.parquet" }),
      ),
    );
    expect(outputOf(back).rowsCopied).toBe(3);
    expect(
      await duckTypes(`SELECT * FROM read_parquet('${join(folders.root, "lake/back.parquet")}')`),
    ).toEqual({ id: "BIGINT", score: "DOUBLE" });
  });

  it("writes and reads DelimitedText settings: delimiter, quote, header, null value, gzip", async () => {
    const outcome = await executor().run(
      copyOf(
        defs(),
        ref("Csv", { container: "raw", file: "people.csv" }),
        ref("CsvSemi", { container: "out", file: "semi.txt" }),
      ),
    );
    expect(outputOf(outcome).rowsCopied).toBe(3);
    const semi = await readFile(join(folders.root, "out/semi.txt"), "utf8");
    expect(semi).toBe(
      '1;Ann "A" B;1990-01-02;1.5;true\r\n2;Bob, Jr.;1985-12-31;NULL;false\r\n3;NULL;2001-07-04;-2;true\r\n',
    );
    const gz = await executor().run(
      copyOf(
        defs(),
        ref("CsvSemi", { container: "out", file: "semi.txt" }),
        ref("CsvGz", { container: "out", file: "semi.csv.gz" }),
      ),
    );
    expect(outputOf(gz).rowsCopied).toBe(3);
    const unpacked = gunzipSync(await readFile(join(folders.root, "out/semi.csv.gz"))).toString(
      "utf8",
    );
    expect(unpacked.split("\r\n")[0]).toBe("Prop_0,Prop_1,Prop_2,Prop_3,Prop_4");
    expect(unpacked.split("\r\n")[2]).toBe('2,"Bob, Jr.",1985-12-31,,false');
    const again = await executor().run(
      copyOf(
        defs(),
        ref("CsvGz", { container: "out", file: "semi.csv.gz" }),
        ref("Json", { container: "json", file: "from-gz.json" }),
        {
          translator: { mappings: [{ source: { ordinal: 2 }, sink: { name: "who" } }] },
        },
      ),
    );
    expect(outputOf(again).rowsCopied).toBe(3);
    const who = (await readFile(join(folders.root, "json/from-gz.json"), "utf8"))
      .trim()
      .split("\n");
    expect(who.map((line) => JSON.parse(line) as unknown)).toEqual([
      { who: 'Ann "A" B' },
      { who: "Bob, Jr." },
      { who: null },
    ]);
  });
});
