// GetMetadata `structure` and `columnCount` of files, as ADF gives them (its docs' sample:
// `[{name: "id", type: "Int64"}, {name: "name", type: "String"}]`), on the embedded storage.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isSluiceError, type JsonObject } from "../../src/core/index.js";
import type { NamedDefinition } from "../../src/factory/index.js";
import { createGetMetadataExecutor } from "../../src/factory/activities/get-metadata-activity.js";
import { interimTypeName } from "../../src/factory/data/file-structure.js";
import { invocationOf, outputOf, resourcesOf } from "./activity-kit.js";

const store: NamedDefinition = {
  name: "Store",
  properties: {
    type: "AzureBlobStorage",
    typeProperties: { connectionString: "UseLocalStorage=true" },
  },
};

function datasetOf(type: string, fileName: string, extra: JsonObject = {}): NamedDefinition {
  return {
    name: "Data",
    properties: {
      type,
      linkedServiceName: { referenceName: "Store", type: "LinkedServiceReference" },
      typeProperties: {
        location: { type: "AzureBlobStorageLocation", container: "data", fileName },
        ...extra,
      },
    },
  };
}

describe("GetMetadata structure and columnCount of files", () => {
  let root: string;
  const run = (dataset: NamedDefinition, fieldList: string[]) =>
    createGetMetadataExecutor({ localStorageRoot: root }).run(
      invocationOf(
        "GetMetadata",
        { dataset: { referenceName: "Data", type: "DatasetReference" }, fieldList },
        { resources: resourcesOf({ linkedServices: [store], datasets: [dataset] }) },
      ),
    );

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "sluice-structure-"));
    await mkdir(join(root, "data"), { recursive: true });
    await writeFile(join(root, "data", "people.csv"), "id,name\n1,Ann\n2,Bo\n");
    const duck = await DuckDBInstance.create(":memory:");
    const connection = await duck.connect();
    const parquet = join(root, "data", "orders.parquet").replaceAll("'", "''");
    await connection.run(
      `COPY (SELECT 1::BIGINT AS id, 'a' AS name, 2.5::DOUBLE AS amount, DATE '2024-01-02' AS day, ` +
        `TIMESTAMP '2024-01-02 03:04:05' AS at, 12.30::DECIMAL(10,2) AS price, true AS paid) ` +
        `TO '${parquet}' (FORMAT parquet)`,
    );
    connection.closeSync();
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("lists a CSV's header columns as strings, and counts them", async () => {
    const csv = datasetOf("DelimitedText", "people.csv", { firstRowAsHeader: true });
    const output = outputOf(await run(csv, ["columnCount", "structure", "itemName"]));
    expect(output).toEqual({
      columnCount: 2,
      structure: [
        { name: "id", type: "String" },
        { name: "name", type: "String" },
      ],
      itemName: "people.csv",
    });
  });

  it("names a headerless CSV's columns Prop_0, Prop_1 ... as ADF does", async () => {
    const csv = datasetOf("DelimitedText", "people.csv");
    expect(outputOf(await run(csv, ["structure"])).structure).toEqual([
      { name: "Prop_0", type: "String" },
      { name: "Prop_1", type: "String" },
    ]);
  });

  it("gives a Parquet file's columns with ADF's interim type names", async () => {
    const output = outputOf(await run(datasetOf("Parquet", "orders.parquet"), ["structure"]));
    expect(output.structure).toEqual([
      { name: "id", type: "Int64" },
      { name: "name", type: "String" },
      { name: "amount", type: "Double" },
      { name: "day", type: "Date" },
      { name: "at", type: "DateTime" },
      { name: "price", type: "Decimal" },
      { name: "paid", type: "Boolean" },
    ]);
  });

  it("refuses them for a Binary file, as ADF does, and a file that is not its format fails", async () => {
    const refused = await run(datasetOf("Binary", "people.csv"), ["structure"]).catch(
      (error: unknown) => error,
    );
    expect(isSluiceError(refused, "InvalidArgument") && refused.message).toContain(
      "not Binary or JSON ones",
    );
    const broken = await run(datasetOf("Parquet", "people.csv"), ["columnCount"]);
    expect(broken.status).toBe("Failed");
  });

  it("maps DuckDB's types to interim type names, nested ones as strings", () => {
    expect(interimTypeName("DECIMAL(18,3)")).toBe("Decimal");
    expect(interimTypeName("TIMESTAMP WITH TIME ZONE")).toBe("DateTimeOffset");
    expect(interimTypeName("INTEGER[]")).toBe("String");
    expect(interimTypeName("STRUCT(a INTEGER)")).toBe("String");
  });
});
