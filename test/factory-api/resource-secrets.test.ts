// Secrets in factory resources through the real server: ADF's GET never returns them (each
// read path shows the mask), a PUT of what GET returned keeps the stored secret, Copy
// activities still authenticate with the kept AccountKey and SAS, and the server's log holds
// none of them.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BlobServiceClient } from "@azure/storage-blob";
import { afterAll, beforeAll, expect, it } from "vitest";
import { databaseConfig, startServer, type RunningServer } from "../../src/app/index.js";
import type { LogFields, Logger } from "../../src/core/index.js";
import { createFactoryStore, openDatabase, type Database } from "../../src/store/index.js";
import { waitFor } from "../e2e/e2e-kit.js";
import { devAccountKey, startAzurite, type Azurite } from "../support/azurite.js";
import { describeEachDialect } from "../support/databases.js";

const mask = "**********";
const sqlPassword = "Sql-Secure-Pw-7f3a";
const connectionPassword = "Conn-Str-Pw-91bd";
const globalSecret = "Server=db;Password=Global-Pw-55aa";

/** The value at a dotted `path` of a JSON reply (undefined where it is absent). */
function field(value: unknown, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], value);
}

/** Every line logged, as text (message and fields). */
function capturingLogger(lines: string[], fields: LogFields = {}): Logger {
  const log = (level: string) => (message: string, more?: LogFields) =>
    void lines.push(JSON.stringify({ level, message, ...fields, ...more }));
  return {
    debug: log("debug"),
    info: log("info"),
    warn: log("warn"),
    error: log("error"),
    child: (more) => capturingLogger(lines, { ...fields, ...more }),
  };
}

const binary = (name: string, service: string, container: string, file = "") => ({
  name,
  properties: {
    type: "Binary",
    linkedServiceName: { referenceName: service, type: "LinkedServiceReference" },
    typeProperties: {
      location: {
        type: "AzureBlobStorageLocation",
        container,
        ...(file === "" ? {} : { fileName: file }),
      },
    },
  },
});

const copy = (name: string, from: string, to: string) => ({
  name,
  properties: {
    activities: [
      {
        name: "Copy",
        type: "Copy",
        inputs: [{ referenceName: from, type: "DatasetReference" }],
        outputs: [{ referenceName: to, type: "DatasetReference" }],
        typeProperties: { source: { type: "BinarySource" }, sink: { type: "BinarySink" } },
      },
    ],
  },
});

function definitionOf(azurite: Azurite, sasUri: string): unknown {
  return {
    factory: {
      name: "vault",
      properties: { globalParameters: { dsn: { type: "String", value: globalSecret } } },
    },
    linkedServices: [
      {
        name: "BlobKey",
        properties: {
          type: "AzureBlobStorage",
          typeProperties: { connectionString: azurite.connectionString },
        },
      },
      {
        name: "BlobSas",
        properties: {
          type: "AzureBlobStorage",
          typeProperties: { sasUri: { type: "SecureString", value: sasUri } },
        },
      },
      {
        name: "Warehouse",
        properties: {
          type: "AzureSqlDatabase",
          typeProperties: {
            connectionString: `Server=tcp:db,1433;Database=w;User ID=etl;Password=${connectionPassword};`,
            password: { type: "SecureString", value: sqlPassword },
          },
        },
      },
    ],
    datasets: [
      binary("KeyIn", "BlobKey", "src", "hello.txt"),
      binary("KeyOut", "BlobKey", "dst-key"),
      binary("SasIn", "BlobSas", "src", "hello.txt"),
    ],
    pipelines: [copy("copyWithKey", "KeyIn", "KeyOut"), copy("copyWithSas", "SasIn", "KeyOut")],
    triggers: [],
    others: [],
  };
}

describeEachDialect("secrets in factory resources through the server", (target) => {
  let azurite: Azurite;
  let server: RunningServer;
  let dataDir: string;
  let database: Database;
  let secrets: string[];
  const logs: string[] = [];

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${server.token}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, text, body: (text ? JSON.parse(text) : {}) as unknown };
  };
  const expectNoSecret = (text: string) => {
    for (const secret of secrets) expect(text).not.toContain(secret);
  };

  beforeAll(async () => {
    await target.open();
    azurite = await startAzurite();
    await azurite.createContainer("src");
    await azurite.createContainer("dst-key");
    const blobs = BlobServiceClient.fromConnectionString(azurite.connectionString);
    await blobs.getContainerClient("src").uploadBlockBlob("hello.txt", "hello", 5);
    const sasUri = azurite.containerSasUrl("src", { permissions: "rl" });
    const signature = new URL(sasUri).searchParams.get("sig") ?? "";
    expect(signature.length).toBeGreaterThan(10);
    secrets = [devAccountKey, sqlPassword, connectionPassword, "Global-Pw-55aa", signature];
    secrets.push(encodeURIComponent(signature));
    dataDir = await mkdtemp(join(tmpdir(), "sluice-secrets-"));
    const db = target.config.kind === "postgres" ? target.config.url : "sqlite";
    server = await startServer({
      dataDir,
      port: 0,
      db,
      localPools: false,
      logger: capturingLogger(logs),
    });
    database = await openDatabase(databaseConfig(db, dataDir));
    const deployed = await call(
      "POST",
      "/factories/vault/sluice/deploy",
      definitionOf(azurite, sasUri),
    );
    expect(deployed.status).toBe(200);
    expectNoSecret(deployed.text);
    expect(field(deployed.body, "factory.properties.globalParameters.dsn.value")).toBe(
      `Server=db;Password=${mask}`,
    );
  }, 90_000);
  afterAll(async () => {
    await database?.close();
    await server?.close();
    await azurite?.stop();
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });

  it("shows every resource, one or listed, with its secrets masked", async () => {
    for (const segment of ["linkedservices", "datasets", "pipelines", "triggers"]) {
      const list = await call("GET", `/factories/vault/${segment}?api-version=2018-06-01`);
      expect(list.status).toBe(200);
      expectNoSecret(list.text);
      for (const resource of field(list.body, "value") as { name: string }[]) {
        const one = await call("GET", `/factories/vault/${segment}/${resource.name}`);
        expect(one.status).toBe(200);
        expectNoSecret(one.text);
      }
    }
    const factory = await call("GET", "/factories/vault");
    expectNoSecret(factory.text);
    const warehouse = (await call("GET", "/factories/vault/linkedservices/Warehouse")).body;
    expect(field(warehouse, "properties.typeProperties")).toEqual({
      connectionString: `Server=tcp:db,1433;Database=w;User ID=etl;Password=${mask};`,
      password: { type: "SecureString", value: mask },
    });
    const sas = (await call("GET", "/factories/vault/linkedservices/BlobSas")).body;
    expect(field(sas, "properties.typeProperties.sasUri")).toEqual({
      type: "SecureString",
      value: mask,
    });
    const key = (await call("GET", "/factories/vault/linkedservices/BlobKey")).body;
    expect(field(key, "properties.typeProperties.connectionString")).toContain(
      `AccountKey=${mask};`,
    );
  });

  it("keeps the stored secrets when what GET returned is PUT back, and copies with them", async () => {
    for (const name of ["BlobKey", "BlobSas", "Warehouse"]) {
      const shown = (await call("GET", `/factories/vault/linkedservices/${name}`)).body;
      const put = await call("PUT", `/factories/vault/linkedservices/${name}`, {
        properties: field(shown, "properties"),
      });
      expect(put.status).toBe(200);
      expectNoSecret(put.text);
    }
    const factory = (await call("GET", "/factories/vault")).body;
    const putFactory = await call("PUT", "/factories/vault", {
      properties: field(factory, "properties"),
    });
    expect(putFactory.status).toBe(200);
    expectNoSecret(putFactory.text);

    const store = createFactoryStore(database);
    const warehouse = await store.getResource("vault", "linkedService", "Warehouse");
    expect(JSON.stringify(warehouse.json)).toContain(sqlPassword);
    expect(JSON.stringify(warehouse.json)).toContain(connectionPassword);
    expect(JSON.stringify(warehouse.json)).not.toContain(mask);
    const blobKey = await store.getResource("vault", "linkedService", "BlobKey");
    expect(JSON.stringify(blobKey.json)).toContain(devAccountKey);
    expect((await store.getFactory("vault")).properties).toEqual({
      globalParameters: { dsn: { type: "String", value: globalSecret } },
    });

    for (const pipeline of ["copyWithKey", "copyWithSas"]) {
      const created = await call("POST", `/factories/vault/pipelines/${pipeline}/createRun`, {});
      expect(created.status).toBe(200);
      const run = await waitFor(
        async () => {
          const reply = await call(
            "GET",
            `/factories/vault/pipelineruns/${String(field(created.body, "runId"))}`,
          );
          return ["Succeeded", "Failed", "Cancelled"].includes(String(field(reply.body, "status")))
            ? reply
            : undefined;
        },
        60_000,
        () => `run of ${pipeline} did not end`,
      );
      const activities = await call(
        "POST",
        `/factories/vault/pipelineruns/${String(field(created.body, "runId"))}/queryActivityruns`,
        {},
      );
      expect({
        pipeline,
        status: field(run.body, "status"),
        activities: activities.body,
      }).toMatchObject({
        status: "Succeeded",
      });
      expectNoSecret(activities.text);
    }
  });

  it("sends the mask back over a stored secret only where the mask was shown", async () => {
    const shown = (await call("GET", "/factories/vault/linkedservices/Warehouse")).body;
    const changed = structuredClone(field(shown, "properties")) as {
      typeProperties: { password: { value: string } };
    };
    changed.typeProperties.password.value = "A-New-Password-1";
    expect(
      (await call("PUT", "/factories/vault/linkedservices/Warehouse", { properties: changed }))
        .status,
    ).toBe(200);
    const stored = await createFactoryStore(database).getResource(
      "vault",
      "linkedService",
      "Warehouse",
    );
    expect(stored.json).toMatchObject({
      properties: {
        typeProperties: {
          password: { type: "SecureString", value: "A-New-Password-1" },
          connectionString: expect.stringContaining(connectionPassword),
        },
      },
    });
  });

  it("logs no secret", () => {
    expect(logs.length).toBeGreaterThan(0);
    expectNoSecret(logs.join("\n"));
  });
});
