import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/core/index.js";
import { createCopyExecutor } from "../../src/factory/activities/copy-activity.js";
import {
  outputOf,
  resourcesOf,
  startTestServer,
  type TestServer,
} from "../factory-activities/activity-kit.js";
import {
  s3AccessKeyId,
  s3SecretAccessKey,
  startS3Server,
  type S3Server,
} from "../support/s3-server.js";
import {
  copyOf,
  dataFolders,
  dataset,
  duckRows,
  linkedServices,
  ref,
  type DataFolders,
} from "./data-kit.js";
import {
  expectCopyFailure,
  expectMetadataThenDelete,
  fileHandler,
  locatedDataset,
  service,
} from "./http-kit.js";

describe("Copy to and from S3 (s3rver)", () => {
  let s3: S3Server;
  let folders: DataFolders;
  let web: TestServer;
  const defs = (accessKeyId = s3AccessKeyId, secret = s3SecretAccessKey) => ({
    linkedServices: [
      ...linkedServices(folders.share),
      service("S3", "AmazonS3Compatible", {
        serviceUrl: s3.serviceUrl,
        accessKeyId,
        secretAccessKey: { type: "SecureString", value: secret },
        forcePathStyle: true,
      }),
      service("Aws", "AmazonS3", {
        serviceUrl: s3.serviceUrl,
        accessKeyId,
        secretAccessKey: { type: "SecureString", value: secret },
      }),
      service("Web", "HttpServer", { url: web.url }),
    ],
    datasets: [
      locatedDataset(
        "S3Csv",
        "DelimitedText",
        "S3",
        {
          type: "AmazonS3CompatibleLocation",
          bucketName: "raw",
        },
        { firstRowAsHeader: true },
      ),
      locatedDataset("S3Parquet", "Parquet", "Aws", {
        type: "AmazonS3Location",
        bucketName: "lake",
      }),
      locatedDataset("S3Bin", "Binary", "S3", {
        type: "AmazonS3CompatibleLocation",
        bucketName: "lake",
      }),
      locatedDataset("WebBin", "Binary", "Web", {
        type: "HttpServerLocation",
        relativeUrl: "@concat(dataset().folder, '/', dataset().file)",
      }),
      dataset("LocalCsv", "DelimitedText", "Local", { firstRowAsHeader: true }),
      dataset("LocalBin", "Binary", "Local"),
    ],
  });
  const executor = () =>
    createCopyExecutor({
      clock: systemClock,
      localStorageRoot: folders.root,
      tempRoot: folders.temp,
    });
  const objectText = async (bucket: string, key: string): Promise<Buffer> => {
    const got = await s3.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return Buffer.from((await got.Body?.transformToByteArray()) ?? []);
  };

  beforeAll(async () => {
    s3 = await startS3Server();
    folders = await dataFolders();
    web = await startTestServer(fileHandler(new Map()));
    await s3.createBucket("raw");
    await s3.createBucket("lake");
    const put = (key: string, body: string) =>
      s3.client.send(new PutObjectCommand({ Bucket: "raw", Key: key, Body: body }));
    await put("2024/01/sales.csv", "sku,qty\nA,1\nB,22\n");
    await put("2024/02/sales.csv", "sku,qty\nC,3\n");
    await put("2024/02/readme.txt", "skip me");
  }, 60_000);
  afterAll(async () => {
    await web.close();
    await s3.stop();
    await folders.remove();
  });

  it("converts S3 CSVs chosen by wildcard to Parquet objects in another bucket", async () => {
    const outcome = await executor().run(
      copyOf(defs(), ref("S3Csv", { folder: "2024" }), ref("S3Parquet", { folder: "sales" }), {
        source: { storeSettings: { recursive: true, wildcardFileName: "*.csv" } },
        translator: {
          type: "TabularTranslator",
          mappings: [
            { source: { name: "sku" }, sink: { name: "sku" } },
            { source: { name: "qty" }, sink: { name: "qty", type: "Int64" } },
          ],
        },
      }),
    );
    expect(outputOf(outcome)).toMatchObject({ filesRead: 2, filesWritten: 2, rowsCopied: 3 });
    const local = await folders.put(
      "check.parquet",
      await objectText("lake", "sales/01/sales.csv"),
    );
    expect(await duckRows(`SELECT sku, qty FROM read_parquet('${local}')`)).toEqual([
      { sku: "A", qty: 1n },
      { sku: "B", qty: 22n },
    ]);
  });

  it("reads an S3 object into a local CSV and writes local bytes to S3", async () => {
    const down = await executor().run(
      copyOf(
        defs(),
        ref("S3Csv", { folder: "2024/02", file: "sales.csv" }),
        ref("LocalCsv", { container: "out", file: "feb.csv" }),
      ),
    );
    expect(outputOf(down)).toMatchObject({ rowsCopied: 1 });
    const up = await executor().run(
      copyOf(
        defs(),
        ref("LocalBin", { container: "out", file: "feb.csv" }),
        ref("S3Bin", { folder: "copies", file: "feb.csv" }),
      ),
    );
    expect(outputOf(up)).toMatchObject({ filesWritten: 1 });
    expect((await objectText("lake", "copies/feb.csv")).toString()).toBe("sku,qty\r\nC,3\r\n");
  });

  it("fails with ADF's error shape for an unknown access key, and names a missing object", async () => {
    const denied = await executor().run(
      copyOf(
        defs("NOT-A-KEY", "very-secret-value-42"),
        ref("S3Csv", { folder: "2024/01", file: "sales.csv" }),
        ref("LocalCsv", { container: "out", file: "x.csv" }),
      ),
    );
    expectCopyFailure(denied, "S3 refused access", "very-secret-value-42");
    const missing = await executor().run(
      copyOf(
        defs(),
        ref("S3Csv", { folder: "2024", file: "nope.csv" }),
        ref("LocalCsv", { container: "out", file: "x.csv" }),
      ),
    );
    expect((missing as { error: { message: string } }).error.message).toContain(
      "UserErrorFileNotFound",
    );
  });

  it("leaves no object behind when the source breaks midway", async () => {
    const outcome = await executor().run(
      copyOf(
        defs(),
        ref("WebBin", { folder: "broken", file: "big.bin" }),
        ref("S3Bin", { folder: "partial", file: "big.bin" }),
      ),
    );
    expect(outcome.status).toBe("Failed");
    await expect(objectText("lake", "partial/big.bin")).rejects.toMatchObject({
      name: "NoSuchKey",
    });
  });
  it("GetMetadata sees the folder and Delete removes its files", async () => {
    await expectMetadataThenDelete(resourcesOf(defs()), "S3Bin", "copies");
  });
});
