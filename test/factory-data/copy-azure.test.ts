import { BlobServiceClient } from "@azure/storage-blob";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/core/index.js";
import { createCopyExecutor } from "../../src/factory/activities/copy-activity.js";
import { outputOf } from "../factory-activities/activity-kit.js";
import { startAzurite, type Azurite } from "../support/azurite.js";
import {
  copyOf,
  dataFolders,
  dataset,
  duckRows,
  linkedServices,
  ref,
  type DataFolders,
} from "./data-kit.js";

describe("Copy to and from Azure Blob (Azurite)", () => {
  let azurite: Azurite;
  let folders: DataFolders;
  let blobs: BlobServiceClient;
  const defs = () => ({
    linkedServices: linkedServices(folders.share, azurite.connectionString),
    datasets: [
      dataset("BlobCsv", "DelimitedText", "Blob", { firstRowAsHeader: true }),
      dataset("BlobParquet", "Parquet", "Blob"),
      dataset("BlobJsonGz", "Json", "Blob", { compression: { type: "gzip" } }),
      dataset("BlobBinGz", "Binary", "Blob", { compression: { type: "gzip" } }),
      dataset("LocalBin", "Binary", "Local"),
      dataset("LocalCsv", "DelimitedText", "Local", { firstRowAsHeader: true }),
    ],
  });
  const executor = () =>
    createCopyExecutor({
      clock: systemClock,
      localStorageRoot: folders.root,
      tempRoot: folders.temp,
    });
  const blobText = async (container: string, name: string): Promise<Buffer> =>
    blobs.getContainerClient(container).getBlobClient(name).downloadToBuffer();
  const blobNames = async (container: string): Promise<string[]> => {
    const names: string[] = [];
    for await (const blob of blobs.getContainerClient(container).listBlobsFlat())
      names.push(blob.name);
    return names;
  };

  beforeAll(async () => {
    azurite = await startAzurite();
    folders = await dataFolders();
    blobs = BlobServiceClient.fromConnectionString(azurite.connectionString);
    for (const name of ["raw", "lake", "zip", "empty"]) await azurite.createContainer(name);
    await blobs
      .getContainerClient("raw")
      .uploadBlockBlob("2024/01/sales.csv", Buffer.from("sku,qty\nA,1\nB,22\n"), 17);
    await blobs
      .getContainerClient("raw")
      .uploadBlockBlob("2024/02/sales.csv", Buffer.from("sku,qty\nC,3\n"), 12);
    await blobs
      .getContainerClient("raw")
      .uploadBlockBlob("bad/sales.csv", Buffer.from("sku,qty\nA,x\n"), 12);
    const json = gzipSync('{"sku":"A","qty":1}\n{"sku":"B","qty":2}\n');
    await blobs.getContainerClient("zip").uploadBlockBlob("items.json.gz", json, json.length);
  }, 60_000);
  afterAll(async () => {
    await azurite.stop();
    await folders.remove();
  });

  it("converts blob CSVs to Parquet blobs, preserving the folder hierarchy", async () => {
    const outcome = await executor().run(
      copyOf(
        defs(),
        ref("BlobCsv", { container: "raw", folder: "2024" }),
        ref("BlobParquet", { container: "lake", folder: "sales" }),
        {
          translator: {
            mappings: [
              { source: { name: "sku" }, sink: { name: "sku" } },
              { source: { name: "qty" }, sink: { name: "qty", type: "Int64" } },
            ],
          },
        },
      ),
    );
    expect(outputOf(outcome)).toMatchObject({
      filesRead: 2,
      filesWritten: 2,
      rowsCopied: 3,
      dataRead: 29,
    });
    expect(await blobNames("lake")).toEqual(["sales/01/sales.csv", "sales/02/sales.csv"]);
    const local = await folders.put("check.parquet", await blobText("lake", "sales/01/sales.csv"));
    expect(await duckRows(`SELECT sku, qty FROM read_parquet('${local}')`)).toEqual([
      { sku: "A", qty: 1n },
      { sku: "B", qty: 22n },
    ]);
  });

  it("reads gzip JSON from a blob into a local CSV, and copies local bytes to a gzip blob", async () => {
    const toCsv = await executor().run(
      copyOf(
        defs(),
        ref("BlobJsonGz", { container: "zip", file: "items.json.gz" }),
        ref("LocalCsv", { container: "out", file: "items.csv" }),
      ),
    );
    expect(outputOf(toCsv).rowsCopied).toBe(2);
    expect(await readFile(join(folders.root, "out/items.csv"), "utf8")).toBe(
      "sku,qty\r\nA,1\r\nB,2\r\n",
    );
    const toBlob = await executor().run(
      copyOf(
        defs(),
        ref("LocalBin", { container: "out", file: "items.csv" }),
        ref("BlobBinGz", { container: "zip", file: "items.csv.gz" }),
      ),
    );
    expect(outputOf(toBlob)).toMatchObject({ filesWritten: 1, dataRead: 19 });
    expect(gunzipSync(await blobText("zip", "items.csv.gz")).toString("utf8")).toBe(
      "sku,qty\r\nA,1\r\nB,2\r\n",
    );
  });

  it("fails a missing blob and an unconvertible value without leaving a blob", async () => {
    const missing = await executor().run(
      copyOf(
        defs(),
        ref("BlobCsv", { container: "raw", file: "none.csv" }),
        ref("BlobParquet", { container: "empty" }),
      ),
    );
    expect(missing.status === "Failed" && missing.error.message).toContain("UserErrorFileNotFound");
    const bad = await executor().run(
      copyOf(
        defs(),
        ref("BlobCsv", { container: "raw", folder: "bad", file: "sales.csv" }),
        ref("BlobParquet", { container: "empty" }),
        {
          translator: {
            mappings: [{ source: { name: "qty" }, sink: { name: "qty", type: "Int32" } }],
          },
        },
      ),
    );
    expect(bad.status === "Failed" && bad.error.message).toContain("TypeConversionFailure");
    expect(await blobNames("empty")).toEqual([]);
  });
});
