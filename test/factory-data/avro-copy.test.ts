import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { Readable, Writable } from "node:stream";
import { createReadStream, createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import avro from "avsc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/core/index.js";
import { createCopyExecutor } from "../../src/factory/activities/copy-activity.js";
import { createLookupExecutor } from "../../src/factory/activities/lookup-activity.js";
import { avroReadCodecs, avroWriteCodecs } from "../../src/factory/data/avro-codecs.js";
import { lookupType } from "../../src/factory/index.js";
import { invocationOf, outputOf, resourcesOf } from "../factory-activities/activity-kit.js";
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

/** Every record of an Avro file, its schema and codec, decoded by avsc (not by Sluice). */
async function readAvro(path: string): Promise<{
  schema: unknown;
  codec: string;
  records: Record<string, unknown>[];
}> {
  const records: Record<string, unknown>[] = [];
  let schema: unknown;
  let codec = "";
  const decoder = new avro.streams.BlockDecoder({ codecs: avroReadCodecs() });
  decoder.on(
    "metadata",
    (_type: unknown, name: string, header: { meta: Record<string, Buffer> }) => {
      schema = JSON.parse(header.meta["avro.schema"]?.toString() ?? "null");
      codec = name;
    },
  );
  await pipeline(
    createReadStream(path),
    decoder,
    new Writable({
      objectMode: true,
      write(record: Record<string, unknown>, _encoding, done) {
        records.push({ ...record });
        done();
      },
    }),
  );
  return { schema, codec, records };
}

/** Writes an Avro file with avsc from a schema and records. */
async function writeAvroFile(
  path: string,
  schema: avro.Schema,
  records: readonly unknown[],
  codec = "null",
): Promise<void> {
  const encoder = new avro.streams.BlockEncoder(schema, { codec, codecs: avroWriteCodecs(6) });
  await pipeline(Readable.from(records), encoder, createWriteStream(path));
}

const csv =
  "id,name,born,score,price,active,seen\r\n" +
  "1,Ann,1990-01-02,1.5,12.34,true,2024-03-04 05:06:07.123456\r\n" +
  "2,,1985-12-31,,-0.05,false,\r\n" +
  "3,Cé,2001-07-04,-2,100000.00,true,1970-01-01 00:00:00\r\n";

const typed = {
  translator: {
    type: "TabularTranslator",
    mappings: [
      { source: { name: "id" }, sink: { name: "id", type: "Int64" } },
      { source: { name: "name" }, sink: { name: "name", type: "String" } },
      { source: { name: "born" }, sink: { name: "born", type: "Date" } },
      { source: { name: "score" }, sink: { name: "score", type: "Double" } },
      {
        source: { name: "price" },
        sink: { name: "price", type: "Decimal", precision: 10, scale: 2 },
      },
      { source: { name: "active" }, sink: { name: "active", type: "Boolean" } },
      { source: { name: "seen" }, sink: { name: "seen", type: "DateTime" } },
    ],
  },
};

describe("Copy to and from Avro (local)", () => {
  let folders: DataFolders;
  const defs = () => ({
    linkedServices: linkedServices(folders.share),
    datasets: [
      dataset("Csv", "DelimitedText", "Local", { firstRowAsHeader: true }),
      dataset("Parquet", "Parquet", "Local"),
      dataset("Avro", "Avro", "Local"),
      dataset("AvroShare", "Avro", "Share"),
      dataset("AvroDeflate", "Avro", "Local", {
        avroCompressionCodec: "deflate",
        avroCompressionLevel: 9,
      }),
      dataset("AvroSnappy", "Avro", "Local", { avroCompressionCodec: "snappy" }),
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
    await folders.put("storage/raw/people.csv", csv);
  });
  afterAll(() => folders.remove());

  it("writes CSV as Avro with a typed schema, and reads it back to Parquet keeping types", async () => {
    const outcome = await executor().run(
      copyOf(
        defs(),
        ref("Csv", { container: "raw", file: "people.csv" }),
        ref("Avro", { container: "lake", file: "people.avro" }),
        typed,
      ),
    );
    expect(outputOf(outcome)).toMatchObject({ rowsRead: 3, rowsCopied: 3, filesWritten: 1 });
    const written = await readAvro(join(folders.root, "lake/people.avro"));
    expect(written.codec).toBe("null");
    const fields = (written.schema as { fields: { name: string; type: unknown }[] }).fields;
    expect(Object.fromEntries(fields.map((f) => [f.name, f.type]))).toEqual({
      id: ["null", "long"],
      name: ["null", "string"],
      born: ["null", { type: "int", logicalType: "date" }],
      score: ["null", "double"],
      price: ["null", { type: "bytes", logicalType: "decimal", precision: 10, scale: 2 }],
      active: ["null", "boolean"],
      seen: ["null", { type: "long", logicalType: "timestamp-micros" }],
    });
    expect(written.records[0]).toMatchObject({ id: 1, name: "Ann", born: 7306, active: true });
    expect(written.records[0]?.seen).toBe(Date.UTC(2024, 2, 4, 5, 6, 7) * 1000 + 123456);
    expect(written.records[1]).toMatchObject({ name: null, score: null, seen: null });
    // -0.05 at scale 2 is the unscaled -5: one byte, two's complement.
    expect(written.records[1]?.price).toEqual(Buffer.from([0xfb]));

    await executor().run(
      copyOf(
        defs(),
        ref("Avro", { container: "lake", file: "people.avro" }),
        ref("Parquet", { container: "lake", file: "people.parquet" }),
      ),
    );
    const file = `read_parquet('${join(folders.root, "lake/people.parquet")}')`;
    expect(await duckTypes(`SELECT * FROM ${file}`)).toEqual({
      id: "BIGINT",
      name: "VARCHAR",
      born: "DATE",
      score: "DOUBLE",
      price: "DECIMAL(10,2)",
      active: "BOOLEAN",
      seen: "TIMESTAMP",
    });
    const rows = await duckRows(
      `SELECT id, name, born::VARCHAR AS born, score, price::VARCHAR AS price, active, seen::VARCHAR AS seen FROM ${file} ORDER BY id`,
    );
    expect(rows).toEqual([
      {
        id: 1n,
        name: "Ann",
        born: "1990-01-02",
        score: 1.5,
        price: "12.34",
        active: true,
        seen: "2024-03-04 05:06:07.123456",
      },
      {
        id: 2n,
        name: null,
        born: "1985-12-31",
        score: null,
        price: "-0.05",
        active: false,
        seen: null,
      },
      {
        id: 3n,
        name: "Cé",
        born: "2001-07-04",
        score: -2,
        price: "100000.00",
        active: true,
        seen: "1970-01-01 00:00:00",
      },
    ]);
  });

  it("reads an Avro file avsc wrote with nullable fields, logical types and deflate", async () => {
    const schema = {
      type: "record",
      name: "Event",
      fields: [
        { name: "id", type: "int" },
        { name: "label", type: ["null", "string"], default: null },
        { name: "day", type: ["null", { type: "int", logicalType: "date" }], default: null },
        { name: "at", type: { type: "long", logicalType: "timestamp-millis" } },
        {
          name: "amount",
          type: ["null", { type: "bytes", logicalType: "decimal", precision: 12, scale: 3 }],
          default: null,
        },
        { name: "raw", type: "bytes" },
        { name: "kind", type: { type: "enum", name: "Kind", symbols: ["A", "B"] } },
        {
          name: "extra",
          type: { type: "record", name: "Extra", fields: [{ name: "n", type: "long" }] },
        },
      ],
    };
    await writeAvroFile(
      join(folders.root, "raw/events.avro"),
      schema as avro.Schema,
      [
        {
          id: 1,
          label: "first",
          day: 19000,
          at: Date.UTC(2022, 0, 2, 3, 4, 5, 678),
          amount: Buffer.from([0x01, 0xe2, 0x40]), // 123456 -> 123.456
          raw: Buffer.from("hi"),
          kind: "B",
          extra: { n: 7 },
        },
        {
          id: 2,
          label: null,
          day: null,
          at: 0,
          amount: Buffer.from([0xff, 0x38]), // -200 -> -0.200
          raw: Buffer.alloc(0),
          kind: "A",
          extra: { n: -1 },
        },
      ],
      "deflate",
    );
    const outcome = await executor().run(
      copyOf(
        defs(),
        ref("Avro", { container: "raw", file: "events.avro" }),
        ref("Parquet", { container: "lake", file: "events.parquet" }),
      ),
    );
    expect(outputOf(outcome)).toMatchObject({ rowsRead: 2, rowsCopied: 2 });
    const file = `read_parquet('${join(folders.root, "lake/events.parquet")}')`;
    expect(await duckTypes(`SELECT * FROM ${file}`)).toEqual({
      id: "INTEGER",
      label: "VARCHAR",
      day: "DATE",
      at: "TIMESTAMP",
      amount: "DECIMAL(12,3)",
      raw: "BLOB",
      kind: "VARCHAR",
      extra: "JSON",
    });
    const rows = await duckRows(
      `SELECT id, label, day::VARCHAR AS day, "at"::VARCHAR AS "at", amount::VARCHAR AS amount, decode(raw) AS raw, kind, extra::VARCHAR AS extra FROM ${file} ORDER BY id`,
    );
    expect(rows).toEqual([
      {
        id: 1,
        label: "first",
        day: "2022-01-08",
        at: "2022-01-02 03:04:05.678",
        amount: "123.456",
        raw: "hi",
        kind: "B",
        extra: '{"n":7}',
      },
      {
        id: 2,
        label: null,
        day: null,
        at: "1970-01-01 00:00:00",
        amount: "-0.200",
        raw: "",
        kind: "A",
        extra: '{"n":-1}',
      },
    ]);
  });

  it("compresses with deflate and snappy, and reads both back through a FileServer share", async () => {
    for (const [name, codec] of [
      ["AvroDeflate", "deflate"],
      ["AvroSnappy", "snappy"],
    ] as const) {
      await executor().run(
        copyOf(
          defs(),
          ref("Csv", { container: "raw", file: "people.csv" }),
          ref(name, { container: "packed", file: `${codec}.avro` }),
          typed,
        ),
      );
      const written = await readAvro(join(folders.root, `packed/${codec}.avro`));
      expect(written.codec).toBe(codec);
      expect(written.records.map((r) => r.name)).toEqual(["Ann", null, "Cé"]);
      await folders.put(
        `share/in/${codec}.avro`,
        await readFile(join(folders.root, `packed/${codec}.avro`)),
      );
      const back = await executor().run(
        copyOf(
          defs(),
          ref("AvroShare", { folder: "in", file: `${codec}.avro` }),
          ref("Csv", { container: "out", file: `${codec}.csv` }),
        ),
      );
      expect(outputOf(back)).toMatchObject({ rowsCopied: 3 });
      const text = await readFile(join(folders.root, `out/${codec}.csv`), "utf8");
      expect(text.split("\r\n")[1]).toBe(
        "1,Ann,1990-01-02,1.5,12.34,true,2024-03-04 05:06:07.123456",
      );
    }
  });

  it("fails a corrupt Avro file with an ADF-shaped error and leaves no sink file", async () => {
    const good = await readFile(join(folders.root, "lake/people.avro"));
    await folders.put("storage/bad/garbage.avro", "this is not avro at all");
    await folders.put("storage/bad/cut.avro", good.subarray(0, good.length - 20));
    for (const file of ["garbage.avro", "cut.avro"]) {
      const outcome = await executor().run(
        copyOf(
          defs(),
          ref("Avro", { container: "bad", file }),
          ref("Parquet", { container: "badout", file: `${file}.parquet` }),
        ),
      );
      if (outcome.status !== "Failed") throw new Error(`expected a failure: ${file}`);
      expect(outcome.error).toMatchObject({ errorCode: "2200", failureType: "UserError" });
      expect(outcome.error.message).toContain(
        "Failure happened on 'Source' side. ErrorCode=AvroInvalidFile",
      );
      expect(outcome.error.message).toContain(`'${file}' is not a valid Avro file`);
    }
    await writeAvroFile(join(folders.root, "bad/strings.avro"), "string", ["a", "b"]);
    const outcome = await executor().run(
      copyOf(
        defs(),
        ref("Avro", { container: "bad", file: "strings.avro" }),
        ref("Parquet", { container: "badout", file: "strings.parquet" }),
      ),
    );
    if (outcome.status !== "Failed") throw new Error("expected a failure: strings.avro");
    expect(outcome.error.message).toContain("does not hold records with fields");
    expect(await folders.files("storage/badout")).toEqual([]);
  });

  it("refuses a column name Avro cannot hold, naming it, and writes nothing", async () => {
    await folders.put("storage/raw/spaced.csv", "first name\r\nAnn\r\n");
    const outcome = await executor().run(
      copyOf(
        defs(),
        ref("Csv", { container: "raw", file: "spaced.csv" }),
        ref("Avro", { container: "spaced", file: "out.avro" }),
      ),
    );
    if (outcome.status !== "Failed") throw new Error("expected a failure");
    expect(outcome.error.message).toContain("Failure happened on 'Sink' side");
    expect(outcome.error.message).toContain("'first name'");
    expect(await folders.files("storage/spaced")).toEqual([]);
  });

  it("fails a value Avro cannot hold mid-stream, leaving no sink file", async () => {
    const big = Array.from({ length: 5000 }, (_, i) => `${i}`).join("\r\n");
    await folders.put("storage/raw/big.csv", `n\r\n${big}\r\n9007199254740993\r\n`);
    const outcome = await executor().run(
      copyOf(
        defs(),
        ref("Csv", { container: "raw", file: "big.csv" }),
        ref("AvroDeflate", { container: "toobig", file: "out.avro" }),
        {
          translator: { mappings: [{ source: { name: "n" }, sink: { name: "n", type: "Int64" } }] },
        },
      ),
    );
    if (outcome.status !== "Failed") throw new Error("expected a failure");
    expect(outcome.error.message).toContain(
      "Failure happened on 'Sink' side. ErrorCode=TypeConversionFailure",
    );
    expect(outcome.error.message).toContain("9007199254740993");
    expect(await folders.files("storage/toobig")).toEqual([]);
  });

  it("writes a header-only CSV as an Avro file with its schema and no rows, and reads it back", async () => {
    await folders.put("storage/raw/empty.csv", "a,b\r\n");
    const out = await executor().run(
      copyOf(
        defs(),
        ref("Csv", { container: "raw", file: "empty.csv" }),
        ref("Avro", { container: "empty", file: "e.avro" }),
      ),
    );
    expect(outputOf(out)).toMatchObject({ rowsCopied: 0, filesWritten: 1 });
    const written = await readAvro(join(folders.root, "empty/e.avro"));
    expect(written.records).toEqual([]);
    expect((written.schema as { fields: { name: string }[] }).fields.map((f) => f.name)).toEqual([
      "a",
      "b",
    ]);
    const back = await executor().run(
      copyOf(
        defs(),
        ref("Avro", { container: "empty", file: "e.avro" }),
        ref("AvroSnappy", { container: "empty", file: "again.avro" }),
      ),
    );
    expect(outputOf(back)).toMatchObject({ rowsRead: 0, rowsCopied: 0, filesWritten: 1 });
    expect((await readAvro(join(folders.root, "empty/again.avro"))).codec).toBe("snappy");
  });

  it("serves Lookup rows from an Avro dataset", async () => {
    const outcome = await createLookupExecutor({
      localStorageRoot: folders.root,
      tempRoot: folders.temp,
    }).run(
      invocationOf(
        "Lookup",
        { dataset: ref("Avro", { container: "lake", file: "people.avro" }), firstRowOnly: false },
        { resources: resourcesOf(defs()) },
      ),
    );
    const output = outputOf(outcome) as { count: number; value: Record<string, unknown>[] };
    expect(output.count).toBe(3);
    expect(output.value[0]).toMatchObject({ id: 1, name: "Ann", active: true });
  });

  it("is listed as a dataset type Sluice runs", () => {
    expect(lookupType("dataset", "Avro")).toMatchObject({ adf: true, runs: true });
  });
});
