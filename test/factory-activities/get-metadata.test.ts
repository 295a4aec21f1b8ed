import { createHash } from "node:crypto";
import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isSluiceError } from "../../src/core/index.js";
import type { JsonObject } from "../../src/core/index.js";
import type { NamedDefinition } from "../../src/factory/index.js";
import { createGetMetadataExecutor } from "../../src/factory/activities/get-metadata-activity.js";
import { startAzurite, type Azurite } from "../support/azurite.js";
import { invocationOf, outputOf, resourcesOf } from "./activity-kit.js";

const md5 = (text: string): string => createHash("md5").update(text).digest("base64");

/** A Binary dataset on linked service `ls`, its container/folder/file from parameters. */
const dataset: NamedDefinition = {
  name: "Files",
  properties: {
    type: "Binary",
    linkedServiceName: { referenceName: "Store", type: "LinkedServiceReference" },
    parameters: {
      container: { type: "String", defaultValue: "data" },
      folder: { type: "String", defaultValue: "" },
      file: { type: "String", defaultValue: "" },
    },
    typeProperties: {
      location: {
        type: "AzureBlobStorageLocation",
        container: "@dataset().container",
        folderPath: { value: "@dataset().folder", type: "Expression" },
        fileName: "@dataset().file",
      },
    },
  },
};

function store(typeProperties: JsonObject): NamedDefinition {
  return { name: "Store", properties: { type: "AzureBlobStorage", typeProperties } };
}

function getMetadata(
  linkedService: NamedDefinition,
  parameters: Record<string, unknown>,
  fieldList: unknown[],
  extra: Record<string, unknown> = {},
) {
  const resources = resourcesOf({ linkedServices: [linkedService], datasets: [dataset] });
  return invocationOf(
    "GetMetadata",
    {
      dataset: { referenceName: "Files", type: "DatasetReference", parameters },
      fieldList,
      ...extra,
    },
    { resources },
  );
}

const allFields = ["itemName", "itemType", "size", "lastModified", "contentMD5", "exists"];

describe("GetMetadata on the embedded local storage", () => {
  let root: string;
  const local = store({ connectionString: "UseLocalStorage=true" });
  const executor = () => createGetMetadataExecutor({ localStorageRoot: root });

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "sluice-getmetadata-"));
    await mkdir(join(root, "data", "in", "sub"), { recursive: true });
    await mkdir(join(root, "data", "empty"), { recursive: true });
    await writeFile(join(root, "data", "in", "a.csv"), "id,name\n1,x\n");
    await writeFile(join(root, "data", "in", "b.txt"), "bee");
    await writeFile(join(root, "data", "in", "sub", "deep.txt"), "deep");
    const old = new Date("2020-01-01T00:00:00Z");
    await utimes(join(root, "data", "in", "b.txt"), old, old);
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("gives a file's name, type, size, lastModified, contentMD5 and exists", async () => {
    const outcome = await executor().run(
      getMetadata(local, { folder: "in", file: "a.csv" }, allFields),
    );
    expect(outputOf(outcome)).toEqual({
      itemName: "a.csv",
      itemType: "File",
      size: 12,
      lastModified: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      contentMD5: md5("id,name\n1,x\n"),
      exists: true,
    });
  });

  it("lists a folder's child items one level deep, folders included", async () => {
    const outcome = await executor().run(
      getMetadata(local, { folder: "/in/" }, ["childItems", "itemName", "itemType"]),
    );
    expect(outputOf(outcome)).toEqual({
      childItems: [
        { name: "a.csv", type: "File" },
        { name: "b.txt", type: "File" },
        { name: "sub", type: "Folder" },
      ],
      itemName: "in",
      itemType: "Folder",
    });
  });

  it("filters child items by modifiedDatetimeStart/End, files only", async () => {
    const outcome = await executor().run(
      getMetadata(local, { folder: "in" }, ["childItems"], {
        storeSettings: {
          type: "AzureBlobStorageReadSettings",
          modifiedDatetimeEnd: "2021-01-01T00:00:00",
        },
      }),
    );
    expect(outputOf(outcome).childItems).toEqual([{ name: "b.txt", type: "File" }]);
  });

  it("sees an empty folder and the container root", async () => {
    const empty = await executor().run(
      getMetadata(local, { folder: "empty" }, ["exists", "childItems"]),
    );
    expect(outputOf(empty)).toEqual({ exists: true, childItems: [] });
    const container = await executor().run(getMetadata(local, {}, ["itemName", "itemType"]));
    expect(outputOf(container)).toEqual({ itemName: "data", itemType: "Folder" });
  });

  it("reports exists false for a missing item when asked, and fails otherwise", async () => {
    const asked = await executor().run(
      getMetadata(local, { folder: "in", file: "nope.csv" }, ["exists", "size"]),
    );
    expect(outputOf(asked)).toEqual({ exists: false });
    const missingFolder = await executor().run(
      getMetadata(local, { container: "other" }, ["exists"]),
    );
    expect(outputOf(missingFolder)).toEqual({ exists: false });
    const failed = await executor().run(
      getMetadata(local, { folder: "in", file: "nope.csv" }, ["size"]),
    );
    expect(failed.status).toBe("Failed");
    if (failed.status === "Failed") {
      expect(failed.error.errorCode).toBe("UserErrorFileNotFound");
      expect(failed.error.message).toContain("'in/nope.csv'");
    }
  });

  it("reads linked service parameters through @linkedService()", async () => {
    const parameterized: NamedDefinition = {
      name: "Store",
      properties: {
        type: "AzureBlobStorage",
        parameters: { mode: { type: "String", defaultValue: "Local" } },
        typeProperties: {
          connectionString: "@concat('Use', linkedService().mode, 'Storage=true')",
        },
      },
    };
    const outcome = await executor().run(
      getMetadata(parameterized, { folder: "in", file: "b.txt" }, ["size"]),
    );
    expect(outputOf(outcome)).toEqual({ size: 3 });
  });

  it("refuses UseLocalStorage without a configured root, and unsupported fields", async () => {
    const noRoot = createGetMetadataExecutor({});
    const error = await noRoot.run(getMetadata(local, {}, ["exists"])).catch((e: unknown) => e);
    expect(isSluiceError(error, "InvalidArgument") && error.message).toContain(
      "no local storage configured",
    );
    // A Binary file has no columns (ADF gives structure for no Binary or JSON file).
    const structure = await executor()
      .run(getMetadata(local, { folder: "in", file: "b.txt" }, ["structure"]))
      .catch((e: unknown) => e);
    expect(isSluiceError(structure, "InvalidArgument") && structure.message).toContain(
      "not Binary or JSON ones",
    );
  });
});

describe("GetMetadata on Azure Blob (Azurite)", () => {
  let azurite: Azurite;
  const executor = createGetMetadataExecutor({});

  beforeAll(async () => {
    azurite = await startAzurite();
    await azurite.createContainer("data");
    const { openStorage } = await import("../../src/storage/index.js");
    const { connector } = openStorage({
      connectionString: azurite.connectionString,
      containerName: "data",
    });
    await connector.write("in/a.csv", "id,name\n1,x\n");
    await connector.write("in/sub/deep.txt", "deep");
  }, 60_000);
  afterAll(async () => {
    await azurite.stop();
  });

  it("reads a blob's metadata through an account-key connection string", async () => {
    const ls = store({
      connectionString: { type: "SecureString", value: azurite.connectionString },
    });
    const outcome = await executor.run(getMetadata(ls, { folder: "in", file: "a.csv" }, allFields));
    expect(outputOf(outcome)).toMatchObject({
      itemName: "a.csv",
      itemType: "File",
      size: 12,
      contentMD5: md5("id,name\n1,x\n"),
      exists: true,
    });
  });

  it("lists a virtual folder through an account SAS URI", async () => {
    const containerSas = new URL(azurite.containerSasUrl("data"));
    const accountLevel = `${azurite.blobEndpoint}?${containerSas.searchParams.toString()}`;
    const ls = store({ sasUri: { type: "SecureString", value: accountLevel } });
    const outcome = await executor.run(getMetadata(ls, { folder: "in" }, ["childItems", "exists"]));
    expect(outputOf(outcome)).toEqual({
      childItems: [
        { name: "a.csv", type: "File" },
        { name: "sub", type: "Folder" },
      ],
      exists: true,
    });
  });

  it("says a missing blob, folder or container does not exist", async () => {
    const ls = store({ connectionString: azurite.connectionString });
    const file = await executor.run(getMetadata(ls, { folder: "in", file: "zz" }, ["exists"]));
    expect(outputOf(file)).toEqual({ exists: false });
    const folder = await executor.run(getMetadata(ls, { folder: "nothing" }, ["exists"]));
    expect(outputOf(folder)).toEqual({ exists: false });
    const container = await executor.run(getMetadata(ls, { container: "missing" }, ["exists"]));
    expect(outputOf(container)).toEqual({ exists: false });
  });

  it("never shows the account key in an error", async () => {
    const key = "c2VjcmV0LWtleS1ub3QtdG8tYmUtc2hvd24=";
    const ls = store({
      connectionString: `DefaultEndpointsProtocol=http;AccountName=x;AccountKey=${key}`,
    });
    const error = await executor
      .run(getMetadata(ls, { container: "NOT_VALID" }, ["exists"]))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).not.toContain(key);
  });
});
