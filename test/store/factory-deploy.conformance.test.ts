import { beforeAll, beforeEach, expect, it } from "vitest";
import { createFactoryStore, type Database, type ResourceInput } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import {
  FailingInsert,
  contextWithPlugin,
  errorCode,
  freshFactoryStores,
  newRun,
  pipelineJson,
  start,
  type FactoryStores,
} from "./factory-fixtures.js";

/** A small factory in ADF's git layout, as resources. */
function sampleFactory(waitSeconds = 1): ResourceInput[] {
  return [
    {
      kind: "linkedService",
      name: "Storage",
      json: { name: "Storage", properties: { type: "AzureBlobStorage" } },
    },
    {
      kind: "linkedService",
      name: "Batch",
      json: { name: "Batch", properties: { type: "AzureBatch" } },
    },
    {
      kind: "dataset",
      name: "Input",
      json: {
        name: "Input",
        properties: {
          type: "Json",
          linkedServiceName: { referenceName: "Storage", type: "LinkedServiceReference" },
        },
      },
    },
    { kind: "pipeline", name: "Main", json: pipelineJson("Main", waitSeconds) },
    { kind: "pipeline", name: "Child", json: pipelineJson("Child") },
    {
      kind: "trigger",
      name: "Nightly",
      json: { name: "Nightly", properties: { type: "ScheduleTrigger" } },
    },
    {
      kind: "dataflow",
      name: "Flow",
      json: { name: "Flow", properties: { type: "MappingDataFlow" } },
    },
    {
      kind: "integrationRuntime",
      name: "SelfHosted",
      json: { name: "SelfHosted", properties: { type: "SelfHosted" } },
    },
  ];
}

const factoryInput = {
  name: "Sales",
  properties: { globalParameters: { env: { type: "String", value: "dev" } } },
};

describeEachDialect("FactoryStore deployAll", (target) => {
  let database: Database;
  let stores: FactoryStores;

  beforeAll(async () => {
    database = await target.open();
  });

  beforeEach(async () => {
    stores = await freshFactoryStores(database);
  });

  async function versionCount(): Promise<number> {
    const rows = await database.db.selectFrom("resource_versions").select("version").execute();
    return rows.length;
  }

  it("stores a whole factory: the factory, every kind, each as version 1", async () => {
    const report = await stores.factories.deployAll(factoryInput, sampleFactory());
    expect(report.factory).toMatchObject({
      name: "Sales",
      globalParameters: factoryInput.properties.globalParameters,
      creationTime: start,
    });
    expect(
      report.resources.map((item) => `${item.kind}/${item.name}@${item.version}:${item.outcome}`),
    ).toEqual(sampleFactory().map((item) => `${item.kind}/${item.name}@1:created`));
    expect(report.deleted).toEqual([]);
    expect((await stores.factories.getResource("sales", "dataset", "INPUT")).json).toEqual(
      sampleFactory()[2]?.json,
    );
    expect(
      (await stores.factories.listResources("Sales", "pipeline")).items.map((item) => item.name),
    ).toEqual(["Child", "Main"]);
  });

  it("gives only changed resources a new version; the rest stay as they are", async () => {
    await stores.factories.deployAll(factoryInput, sampleFactory(1));
    stores.clock.advance(1000);
    const before = await stores.factories.getResource("Sales", "pipeline", "Child");
    const report = await stores.factories.deployAll(factoryInput, sampleFactory(30));
    const changed = report.resources.filter((item) => item.outcome !== "unchanged");
    expect(changed).toEqual([{ kind: "pipeline", name: "Main", version: 2, outcome: "updated" }]);
    expect(await stores.factories.getResource("Sales", "pipeline", "Child")).toEqual(before);
    expect(await versionCount()).toBe(sampleFactory().length + 1);
    const again = await stores.factories.deployAll(factoryInput, sampleFactory(30));
    expect(again.resources.every((item) => item.outcome === "unchanged")).toBe(true);
    expect(again.factory.etag).toBe(report.factory.etag);
  });

  it("keeps the version a run ran after the pipeline changes", async () => {
    await stores.factories.deployAll(factoryInput, sampleFactory(1));
    const ran = await stores.factories.getResource("Sales", "pipeline", "Main");
    const run = await stores.runs.create(
      newRun("Main", { factory: "Sales", pipelineVersion: ran.version }),
    );
    await stores.factories.deployAll(factoryInput, sampleFactory(99));
    expect((await stores.factories.getResource("Sales", "pipeline", "Main")).version).toBe(2);
    const stored = await stores.runs.get(run.runId);
    expect(stored.pipelineVersion).toBe(1);
    const definition = await stores.factories.getResource(
      "Sales",
      "pipeline",
      stored.pipelineName,
      { version: stored.pipelineVersion ?? 0 },
    );
    expect(definition.json).toEqual(pipelineJson("Main", 1));
  });

  it("stores nothing when a write fails in the middle", async () => {
    await stores.factories.deployAll({ name: "Sales" }, sampleFactory(1));
    const snapshot = async () => ({
      factory: await stores.factories.getFactory("Sales"),
      versions: await versionCount(),
      main: await stores.factories.getResource("Sales", "pipeline", "Main"),
    });
    const before = await snapshot();
    // The 2nd version insert fails: the factory update and the 1st new version already ran.
    const failing = createFactoryStore(
      contextWithPlugin(database, new FailingInsert("resource_versions", 2)),
      { clock: stores.clock },
    );
    const changed = sampleFactory(5).map((item) => ({
      ...item,
      json: { ...item.json, annotations: ["v2"] },
    }));
    await expect(failing.deployAll(factoryInput, changed)).rejects.toThrow("injected failure");
    expect(await snapshot()).toEqual(before);
    const failingFresh = createFactoryStore(
      contextWithPlugin(database, new FailingInsert("resource_versions", 3)),
      { clock: stores.clock },
    );
    await expect(failingFresh.deployAll({ name: "Fresh" }, sampleFactory())).rejects.toThrow(
      "injected failure",
    );
    expect(await errorCode(stores.factories.getFactory("Fresh"))).toBe("StoreNotFound");
  });

  it("refuses two resources of one kind whose names differ only in case, storing nothing", async () => {
    const resources = [
      ...sampleFactory(),
      { kind: "pipeline", name: "MAIN", json: pipelineJson("MAIN") },
    ];
    expect(await errorCode(stores.factories.deployAll(factoryInput, resources))).toBe(
      "InvalidArgument",
    );
    expect(await errorCode(stores.factories.getFactory("Sales"))).toBe("StoreNotFound");
    expect(await versionCount()).toBe(0);
    const sameNameOtherKind = [
      { kind: "pipeline", name: "X", json: {} },
      { kind: "dataset", name: "x", json: {} },
    ];
    expect(
      (await stores.factories.deployAll(factoryInput, sameNameOtherKind)).resources,
    ).toHaveLength(2);
  });

  it("deletes resources the deploy does not name only when asked, keeping their versions", async () => {
    await stores.factories.deployAll(factoryInput, sampleFactory());
    const fewer = sampleFactory().filter(
      (item) => item.kind !== "trigger" && item.name !== "Child",
    );
    const kept = await stores.factories.deployAll(factoryInput, fewer);
    expect(kept.deleted).toEqual([]);
    expect((await stores.factories.getResource("Sales", "trigger", "Nightly")).version).toBe(1);
    const pruned = await stores.factories.deployAll(factoryInput, fewer, { deleteMissing: true });
    expect(pruned.deleted).toEqual([
      { kind: "pipeline", name: "Child" },
      { kind: "trigger", name: "Nightly" },
    ]);
    expect(await errorCode(stores.factories.getResource("Sales", "pipeline", "Child"))).toBe(
      "StoreNotFound",
    );
    expect(
      (await stores.factories.getResource("Sales", "pipeline", "Child", { version: 1 })).name,
    ).toBe("Child");
  });
});
