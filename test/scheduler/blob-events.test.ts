// Storage event triggers over real storage: the embedded local storage (a folder per
// container) and Azure Blob on Azurite, the account found from the trigger's ARM scope among
// the factory's linked services. Each landing file fires once, also across a scheduler
// restart, with @triggerBody().fileName and folderPath reaching the pipeline.
import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BlobServiceClient } from "@azure/storage-blob";
import { afterAll, beforeAll, expect, it } from "vitest";
import { blobEventSources, storageAccountOf } from "../../src/app/index.js";
import { ManualClock } from "../../src/core/index.js";
import {
  createFactoryService,
  createPipelineEngine,
  type FactoryService,
} from "../../src/factory/index.js";
import { createTriggerScheduler, createTriggerService } from "../../src/scheduler/index.js";
import type { Database } from "../../src/store/index.js";
import { startAzurite, type Azurite } from "../support/azurite.js";
import { describeEachDialect } from "../support/databases.js";

const scope = (account: string) =>
  `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/${account}`;

const pipeline = {
  name: "Ingest",
  properties: {
    parameters: { file: { type: "String" }, folder: { type: "String" } },
    activities: [{ name: "W", type: "Wait", typeProperties: { waitTimeInSeconds: 0 } }],
  },
};

function blobTrigger(name: string, typeProperties: Record<string, unknown>) {
  return {
    name,
    properties: {
      type: "BlobEventsTrigger",
      typeProperties: { events: ["Microsoft.Storage.BlobCreated"], ...typeProperties },
      pipelines: [
        {
          pipelineReference: { type: "PipelineReference", referenceName: "Ingest" },
          parameters: { file: "@triggerBody().fileName", folder: "@triggerBody().folderPath" },
        },
      ],
    },
  };
}

/** What the trigger's pipeline runs received, sorted. */
async function received(database: Database, factory: string): Promise<string[]> {
  const rows = await database.db
    .selectFrom("pipeline_runs")
    .select(["parameters"])
    .where("factory_name", "=", factory)
    .execute();
  return rows
    .map((r) => {
      const p = JSON.parse(r.parameters) as { folder: string; file: string };
      return `${p.folder}|${p.file}`;
    })
    .sort();
}

it("reads the storage account from an ARM scope", () => {
  expect(storageAccountOf(scope("acct1"))).toBe("acct1");
  expect(storageAccountOf(undefined)).toBeUndefined();
  expect(storageAccountOf("/subscriptions/x/resourceGroups/rg")).toBeUndefined();
});

describeEachDialect("storage event triggers", (target) => {
  let database: Database;
  let factories: FactoryService;
  let azurite: Azurite;

  beforeAll(async () => {
    database = await target.open();
    factories = createFactoryService({ database });
    azurite = await startAzurite();
  }, 60_000);
  afterAll(() => azurite.stop());

  /** Deploys, starts `trigger`, and returns a scheduler factory (a restart is a new one). */
  async function setUp(factory: string, triggers: unknown[], linkedServices: unknown[] = []) {
    const dataDir = await mkdtemp(join(tmpdir(), "sluice-blob-events-"));
    const clock = new ManualClock(Date.parse("2026-01-01T00:00:00Z"));
    await factories.deploy({ pipelines: [pipeline], triggers, linkedServices }, { factory });
    const engine = createPipelineEngine({ database, clock });
    const service = createTriggerService({ database, factories, engine, clock });
    const blobSource = blobEventSources({ localRoot: join(dataDir, "storage"), factories });
    const scheduler = () =>
      createTriggerScheduler({ database, factories, engine, clock, blobSource, blobPollMs: 0 });
    return { storage: join(dataDir, "storage"), service, scheduler };
  }

  it("fires once per landing file in the local storage, also across a restart", async () => {
    const factory = `f-${randomUUID().slice(0, 8)}`;
    const { storage, service, scheduler } = await setUp(factory, [
      blobTrigger("OnCsv", {
        scope: scope("prodaccount"),
        blobPathBeginsWith: "/landing/blobs/in/",
        blobPathEndsWith: ".csv",
        ignoreEmptyBlobs: true,
      }),
    ]);
    await mkdir(join(storage, "landing", "in", "2026"), { recursive: true });
    await writeFile(join(storage, "landing", "in", "before.csv"), "x");
    await service.start(factory, "OnCsv");
    const first = scheduler();
    await first.tick(); // takes stock: files there before the start do not fire
    expect(await received(database, factory)).toEqual([]);
    await writeFile(join(storage, "landing", "in", "2026", "a.csv"), "a,b\n1,2\n");
    await writeFile(join(storage, "landing", "in", "b.txt"), "not csv");
    await writeFile(join(storage, "landing", "in", "empty.csv"), "");
    await mkdir(join(storage, "landing", "out"), { recursive: true });
    await writeFile(join(storage, "landing", "out", "c.csv"), "outside the prefix");
    await mkdir(join(storage, "other", "in"), { recursive: true });
    await writeFile(join(storage, "other", "in", "d.csv"), "other container");
    await first.tick();
    await first.tick();
    expect(await received(database, factory)).toEqual(["landing/in/2026|a.csv"]);
    await first.stop();
    const restarted = scheduler();
    await restarted.tick();
    expect(await received(database, factory)).toEqual(["landing/in/2026|a.csv"]);
    await writeFile(join(storage, "landing", "in", "e.csv"), "e");
    await restarted.tick();
    await scheduler().tick();
    expect(await received(database, factory)).toEqual([
      "landing/in/2026|a.csv",
      "landing/in|e.csv",
    ]);
    const runs = await service.queryRuns(factory, {});
    expect(runs.value).toHaveLength(2);
    expect(runs.value).toContainEqual(
      expect.objectContaining({
        status: "Succeeded",
        properties: expect.objectContaining({ fileName: "e.csv", folderPath: "landing/in" }),
      }),
    );
  });

  it("fires for blobs landing in Azure Blob (Azurite), found from the scope's account", async () => {
    const factory = `f-${randomUUID().slice(0, 8)}`;
    const container = await azurite.createContainer(`c${randomUUID().slice(0, 8)}`);
    const { service, scheduler } = await setUp(
      factory,
      [
        blobTrigger("OnAzure", {
          scope: scope("devstoreaccount1"),
          blobPathBeginsWith: `/${container}/blobs/drop/`,
          ignoreEmptyBlobs: false,
        }),
        // No container in the path: every container of the account is watched.
        blobTrigger("AnyJson", { scope: scope("DevStoreAccount1"), blobPathEndsWith: ".json" }),
      ],
      [
        {
          name: "Lake",
          properties: {
            type: "AzureBlobStorage",
            typeProperties: {
              connectionString: { type: "SecureString", value: azurite.connectionString },
            },
          },
        },
      ],
    );
    const blobs = BlobServiceClient.fromConnectionString(
      azurite.connectionString,
    ).getContainerClient(container);
    await service.start(factory, "OnAzure");
    await service.start(factory, "AnyJson");
    await scheduler().tick();
    const put = (path: string, text: string) =>
      blobs.getBlockBlobClient(path).upload(text, Buffer.byteLength(text));
    await put("drop/x.parquet", "x");
    await put("drop/empty.json", "");
    await put("drop/data.json", "{}");
    await put("elsewhere/y.parquet", "y");
    await scheduler().tick();
    await scheduler().tick();
    const mine = (entries: string[]) => entries.filter((e) => e.startsWith(container));
    expect(mine(await received(database, factory))).toEqual([
      `${container}/drop|data.json`, // AnyJson and OnAzure
      `${container}/drop|data.json`,
      `${container}/drop|empty.json`, // OnAzure only: AnyJson ignores empty blobs by default
      `${container}/drop|x.parquet`,
    ]);
    await put("drop/x.parquet", "rewritten"); // a new version is a new BlobCreated, as in ADF
    await scheduler().tick();
    expect(mine(await received(database, factory))).toHaveLength(5);
  }, 60_000);

  it("watches the embedded storage when no linked service names the account", async () => {
    const factory = `f-${randomUUID().slice(0, 8)}`;
    const { storage, service, scheduler } = await setUp(
      factory,
      [blobTrigger("Local", { scope: scope("nosuchaccount"), blobPathBeginsWith: "/box/" })],
      [
        {
          name: "Other",
          properties: {
            type: "AzureBlobStorage",
            typeProperties: { connectionString: azurite.connectionString },
          },
        },
      ],
    );
    await service.start(factory, "Local");
    await scheduler().tick();
    await mkdir(join(storage, "box"), { recursive: true });
    await writeFile(join(storage, "box", "f.txt"), "f");
    await scheduler().tick();
    expect(await received(database, factory)).toEqual(["box|f.txt"]);
  });
});
