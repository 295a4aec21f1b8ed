import { describe, expect, it } from "vitest";
import { isSluiceError } from "../../core/index.js";
import { classifyConnectionString, withPart } from "./connection-string.js";
import { datasetLocation, itemPath } from "./dataset-location.js";
import type { ResolvedDefinition } from "./resolve-definition.js";
import { resolveDefinition } from "./resolve-definition.js";
import { secretText } from "./secret-value.js";
import { azureUrlWithContainer } from "./storage-url.js";

function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error");
}

describe("connection strings", () => {
  it("tells Sluice's local storage, Azurite's development storage and accounts apart", () => {
    expect(classifyConnectionString("UseLocalStorage=true")).toEqual({ kind: "local" });
    expect(classifyConnectionString(" uselocalstorage = TRUE ;")).toEqual({ kind: "local" });
    expect(classifyConnectionString("UseDevelopmentStorage=true")).toEqual({ kind: "development" });
    expect(classifyConnectionString("AccountName=a;AccountKey=k==")).toEqual({
      kind: "account",
      hasCredential: true,
    });
    expect(
      classifyConnectionString("BlobEndpoint=https://a;SharedAccessSignature=sv=1&sig=x"),
    ).toEqual({
      kind: "account",
      hasCredential: true,
    });
    expect(classifyConnectionString("DefaultEndpointsProtocol=https;AccountName=a;")).toEqual({
      kind: "account",
      hasCredential: false,
    });
  });

  it("adds a separate key to a connection string", () => {
    expect(withPart("AccountName=a;", "AccountKey", "k==")).toBe("AccountName=a;AccountKey=k==");
  });
});

describe("secrets", () => {
  it("reads strings and SecureStrings, refuses Key Vault references without showing values", () => {
    expect(secretText("plain", "f")).toBe("plain");
    expect(secretText({ type: "SecureString", value: "hidden" }, "f")).toBe("hidden");
    const vault = thrown(() =>
      secretText(
        { type: "AzureKeyVaultSecret", secretName: "s", store: { referenceName: "kv" } },
        "ls.password",
      ),
    );
    expect(isSluiceError(vault, "InvalidArgument") && vault.message).toContain("Key Vault");
    expect(vault.message).toContain("ls.password");
  });

  it("keeps secret values out of expression evaluation", () => {
    const resolved = resolveDefinition(
      { a: "@concat('x', 'y')", password: { type: "SecureString", value: "@notAnExpression(" } },
      {},
    );
    expect(resolved).toEqual({
      a: "xy",
      password: { type: "SecureString", value: "@notAnExpression(" },
    });
  });
});

describe("container URLs", () => {
  it("appends the container to an account-level SAS URI and keeps one that names a container", () => {
    expect(
      azureUrlWithContainer(
        "https://acct.blob.core.windows.net/?sv=1&sig=s",
        "data",
        undefined,
        "f",
      ),
    ).toBe("https://acct.blob.core.windows.net/data?sv=1&sig=s");
    expect(
      azureUrlWithContainer(
        "http://127.0.0.1:10000/devstoreaccount1?sig=s",
        "data",
        undefined,
        "f",
      ),
    ).toBe("http://127.0.0.1:10000/devstoreaccount1/data?sig=s");
    expect(
      azureUrlWithContainer(
        "https://acct.blob.core.windows.net/logs?sig=s",
        "data",
        undefined,
        "f",
      ),
    ).toBe("https://acct.blob.core.windows.net/logs?sig=s");
    expect(
      azureUrlWithContainer("https://acct.blob.core.windows.net", "data", "?sv=2&sig=t", "f"),
    ).toBe("https://acct.blob.core.windows.net/data?sv=2&sig=t");
  });

  it("refuses what is not an http(s) URL without quoting it", () => {
    const error = thrown(() =>
      azureUrlWithContainer("ftp://x/?sig=secret", "data", undefined, "sasUri"),
    );
    expect(isSluiceError(error, "InvalidArgument")).toBe(true);
    expect(error.message).not.toContain("secret");
  });
});

function dataset(type: string, typeProperties: Record<string, unknown>): ResolvedDefinition {
  return { name: "D", type, properties: { type, typeProperties }, typeProperties };
}

describe("dataset locations", () => {
  it("reads format datasets' locations and legacy datasets' folder paths", () => {
    const blob = datasetLocation(
      dataset("DelimitedText", {
        location: {
          type: "AzureBlobStorageLocation",
          container: "c",
          folderPath: "/a/b/",
          fileName: "f.csv",
        },
      }),
    );
    expect(blob).toEqual({ container: "c", folderPath: "a/b", fileName: "f.csv" });
    expect(itemPath(blob)).toBe("a/b/f.csv");
    const lake = datasetLocation(
      dataset("Json", {
        location: { type: "AzureBlobFSLocation", fileSystem: "fs", folderPath: null },
      }),
    );
    expect(lake).toEqual({ container: "fs", folderPath: "", fileName: "" });
    expect(datasetLocation(dataset("AzureBlob", { folderPath: "c/x/y", fileName: "z" }))).toEqual({
      container: "c",
      folderPath: "x/y",
      fileName: "z",
    });
  });

  it("refuses a location type it cannot read and a fileName with a slash", () => {
    const s3 = thrown(() =>
      datasetLocation(dataset("Binary", { location: { type: "GoogleCloudStorageLocation" } })),
    );
    expect(isSluiceError(s3, "InvalidArgument") && s3.message).toContain(
      "GoogleCloudStorageLocation",
    );
    const slash = thrown(() =>
      datasetLocation(
        dataset("Binary", {
          location: { type: "AzureBlobStorageLocation", container: "c", fileName: "a/b" },
        }),
      ),
    );
    expect(isSluiceError(slash, "InvalidArgument")).toBe(true);
  });
});
