// Linked services whose secrets are Azure Key Vault references, as real ADF factories write
// them, read from Sluice's local secret folder: a GetMetadata on the embedded storage whose
// connection string is a Key Vault secret.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonObject } from "../../src/core/index.js";
import { localSecretFolder, type NamedDefinition } from "../../src/factory/index.js";
import { createGetMetadataExecutor } from "../../src/factory/activities/get-metadata-activity.js";
import { invocationOf, outputOf, resourcesOf } from "./activity-kit.js";

const vault: NamedDefinition = {
  name: "LS_KeyVault",
  properties: {
    type: "AzureKeyVault",
    parameters: { name: { type: "String", defaultValue: "kv-sluice-dev" } },
    typeProperties: { baseUrl: "https://@{linkedService().name}.vault.azure.net/" },
  },
};
const reference = (secretName: string, store = "LS_KeyVault"): JsonObject => ({
  type: "AzureKeyVaultSecret",
  store: { referenceName: store, type: "LinkedServiceReference" },
  secretName,
});
const storage = (connectionString: JsonObject): NamedDefinition => ({
  name: "Store",
  properties: { type: "AzureBlobStorage", typeProperties: { connectionString } },
});
const dataset: NamedDefinition = {
  name: "Input",
  properties: {
    type: "Binary",
    linkedServiceName: { referenceName: "Store", type: "LinkedServiceReference" },
    typeProperties: {
      location: { type: "AzureBlobStorageLocation", container: "data", folderPath: "in" },
    },
  },
};

describe("Key Vault secrets from the local secret folder", () => {
  let root: string;
  let storageRoot: string;
  let secretsRoot: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "sluice-keyvault-"));
    storageRoot = join(root, "storage");
    secretsRoot = join(root, "secrets");
    await mkdir(join(storageRoot, "data", "in"), { recursive: true });
    await writeFile(join(storageRoot, "data", "in", "a.csv"), "x\n");
    await mkdir(join(secretsRoot, "kv-sluice-dev"), { recursive: true });
    await writeFile(
      join(secretsRoot, "kv-sluice-dev", "storage-connection"),
      "UseLocalStorage=true\n",
    );
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  const run = (linkedService: NamedDefinition) => {
    const resources = {
      ...resourcesOf({ linkedServices: [linkedService, vault], datasets: [dataset] }),
      secrets: localSecretFolder(secretsRoot),
    };
    return createGetMetadataExecutor({ localStorageRoot: storageRoot }).run(
      invocationOf(
        "GetMetadata",
        {
          dataset: { referenceName: "Input", type: "DatasetReference" },
          fieldList: ["childItems"],
        },
        { resources },
      ),
    );
  };

  it("reads the referenced secret through the vault's linked service (parameters bound)", async () => {
    const outcome = await run(storage(reference("storage-connection")));
    expect(outputOf(outcome)).toEqual({ childItems: [{ name: "a.csv", type: "File" }] });
  });

  it("says how to provide a missing secret, without any value", async () => {
    await expect(run(storage(reference("missing-secret")))).rejects.toThrow(
      /secret 'missing-secret' of Key Vault 'kv-sluice-dev'.*sluice secret set kv-sluice-dev missing-secret/,
    );
  });

  it("refuses a store that is not an AzureKeyVault linked service", async () => {
    await expect(run(storage(reference("storage-connection", "Store")))).rejects.toThrow(
      /'Store' as its store, which is of type 'AzureBlobStorage', not AzureKeyVault/,
    );
  });

  it("never reads outside the folder: names that are not Key Vault names find nothing", async () => {
    const lookup = localSecretFolder(secretsRoot);
    expect(await lookup("kv-sluice-dev", "storage-connection", undefined)).toBe(
      "UseLocalStorage=true",
    );
    expect(await lookup("..", "passwd", undefined)).toBeUndefined();
    expect(await lookup("kv-sluice-dev", "../../etc/passwd", undefined)).toBeUndefined();
  });
});
