import { beforeAll, beforeEach, expect, it } from "vitest";
import type { Database } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import {
  errorCode,
  factoryStoresOn,
  freshFactoryStores,
  pipelineJson,
  start,
  type FactoryStores,
} from "./factory-fixtures.js";

describeEachDialect("FactoryStore", (target) => {
  let database: Database;
  let stores: FactoryStores;

  beforeAll(async () => {
    database = await target.open();
  });

  beforeEach(async () => {
    stores = await freshFactoryStores(database);
  });

  const globals = { env: { type: "String", value: "dev" } };

  it("creates a factory, reads it in any case, and replaces its properties", async () => {
    const created = await stores.factories.upsertFactory({
      name: "Sales-Factory",
      properties: { globalParameters: globals },
    });
    expect(created).toMatchObject({
      name: "Sales-Factory",
      globalParameters: globals,
      creationTime: start,
    });
    expect(await stores.factories.getFactory("sales-factory")).toEqual(created);
    stores.clock.advance(10);
    const same = await stores.factories.upsertFactory({
      name: "Sales-Factory",
      properties: { globalParameters: { env: { value: "dev", type: "String" } } },
    });
    expect(same).toEqual(created);
    const replaced = await stores.factories.upsertFactory(
      { name: "Sales-Factory", properties: {} },
      { ifMatch: created.etag },
    );
    expect(replaced).toMatchObject({
      globalParameters: {},
      creationTime: start,
      lastModified: start + 10,
    });
    expect(replaced.etag).not.toBe(created.etag);
    expect(
      await errorCode(
        stores.factories.upsertFactory({ name: "sales-factory" }, { ifMatch: created.etag }),
      ),
    ).toBe("StoreConflict");
    expect(await errorCode(stores.factories.getFactory("nope"))).toBe("StoreNotFound");
  });

  it("lists factories in name order, a page at a time", async () => {
    for (const name of ["b", "A", "c"]) await stores.factories.upsertFactory({ name });
    const first = await stores.factories.listFactories({ maxResults: 2 });
    expect(first.items.map((factory) => factory.name)).toEqual(["A", "b"]);
    const rest = await stores.factories.listFactories({
      continuationToken: first.continuationToken ?? "",
    });
    expect(rest.items.map((factory) => factory.name)).toEqual(["c"]);
    expect(rest.continuationToken).toBeUndefined();
  });

  it("creates a resource as version 1 and finds it by name in any case", async () => {
    await stores.factories.upsertFactory({ name: "f" });
    const put = await stores.factories.putResource("F", {
      kind: "pipeline",
      name: "Copy_Sales",
      json: pipelineJson("Copy_Sales"),
    });
    expect(put.outcome).toBe("created");
    expect(put.resource).toMatchObject({
      factory: "f",
      kind: "pipeline",
      name: "Copy_Sales",
      version: 1,
      versionTime: start,
    });
    expect(put.resource.json).toEqual(pipelineJson("Copy_Sales"));
    expect(await stores.factories.getResource("f", "pipeline", "COPY_SALES")).toEqual(put.resource);
    expect(await errorCode(stores.factories.getResource("f", "dataset", "Copy_Sales"))).toBe(
      "StoreNotFound",
    );
  });

  it("keeps every version; an equal JSON in another key order stores nothing", async () => {
    await stores.factories.upsertFactory({ name: "f" });
    const v1 = await stores.factories.putResource("f", {
      kind: "pipeline",
      name: "p",
      json: pipelineJson("p", 1),
    });
    stores.clock.advance(5);
    const v2 = await stores.factories.putResource("f", {
      kind: "pipeline",
      name: "P",
      json: pipelineJson("P", 2),
    });
    expect(v2).toMatchObject({
      outcome: "updated",
      resource: { version: 2, name: "P", versionTime: start + 5 },
    });
    const reordered = {
      properties: {
        activities: [{ typeProperties: { waitTimeInSeconds: 2 }, type: "Wait", name: "Wait1" }],
      },
      name: "P",
    };
    const again = await stores.factories.putResource("f", {
      kind: "pipeline",
      name: "p",
      json: reordered,
    });
    expect(again.outcome).toBe("unchanged");
    expect(again.resource).toEqual(v2.resource);
    expect((await stores.factories.getResource("f", "pipeline", "p", { version: 1 })).json).toEqual(
      v1.resource.json,
    );
    expect((await stores.factories.getResource("f", "pipeline", "p")).version).toBe(2);
    const versions = await stores.factories.listVersions("f", "pipeline", "p", { maxResults: 1 });
    expect(versions.items.map((item) => item.version)).toEqual([2]);
    const older = await stores.factories.listVersions("f", "pipeline", "p", {
      continuationToken: versions.continuationToken ?? "",
    });
    expect(older.items.map((item) => item.version)).toEqual([1]);
    expect(
      await errorCode(stores.factories.getResource("f", "pipeline", "p", { version: 3 })),
    ).toBe("StoreNotFound");
  });

  it("writes with a matching etag and refuses a stale one or an existing name with ifNoneMatch", async () => {
    await stores.factories.upsertFactory({ name: "f" });
    const v1 = await stores.factories.putResource("f", {
      kind: "dataset",
      name: "ds",
      json: { name: "ds", properties: { type: "Json" } },
    });
    const v2 = await stores.factories.putResource(
      "f",
      { kind: "dataset", name: "ds", json: { name: "ds", properties: { type: "Binary" } } },
      { ifMatch: v1.resource.etag },
    );
    expect(v2.resource.version).toBe(2);
    const stale = stores.factories.putResource(
      "f",
      { kind: "dataset", name: "ds", json: { name: "ds", properties: { type: "Avro" } } },
      { ifMatch: v1.resource.etag },
    );
    expect(await errorCode(stale)).toBe("StoreConflict");
    const create = stores.factories.putResource(
      "f",
      { kind: "dataset", name: "DS", json: { name: "DS" } },
      { ifNoneMatch: true },
    );
    expect(await errorCode(create)).toBe("StoreDuplicate");
    expect(await stores.factories.getResource("f", "dataset", "ds")).toEqual(v2.resource);
  });

  it("refuses resources of a factory that does not exist, and bad kinds or names", async () => {
    const put = stores.factories.putResource("ghost", { kind: "pipeline", name: "p", json: {} });
    expect(await errorCode(put)).toBe("StoreNotFound");
    await stores.factories.upsertFactory({ name: "f" });
    expect(
      await errorCode(
        stores.factories.putResource("f", { kind: "pipe/line", name: "p", json: {} }),
      ),
    ).toBe("InvalidArgument");
    expect(
      await errorCode(stores.factories.putResource("f", { kind: "pipeline", name: " ", json: {} })),
    ).toBe("InvalidArgument");
    const cyclic: Record<string, unknown> = {};
    cyclic["self"] = cyclic;
    expect(
      await errorCode(
        stores.factories.putResource("f", { kind: "pipeline", name: "p", json: cyclic as never }),
      ),
    ).toBe("InvalidArgument");
  });

  it("lists one kind's current resources in name order, a page at a time", async () => {
    await stores.factories.upsertFactory({ name: "f" });
    for (const name of ["b", "A", "c", "D"]) {
      await stores.factories.putResource("f", { kind: "linkedService", name, json: { name } });
    }
    await stores.factories.putResource("f", {
      kind: "linkedService",
      name: "b",
      json: { name: "b", v: 2 },
    });
    await stores.factories.putResource("f", { kind: "dataset", name: "other", json: {} });
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await stores.factories.listResources("f", "linkedService", {
        maxResults: 3,
        ...(token ? { continuationToken: token } : {}),
      });
      seen.push(...page.items.map((item) => `${item.name}@${item.version}`));
      token = page.continuationToken;
    } while (token !== undefined);
    expect(seen).toEqual(["A@1", "b@2", "c@1", "D@1"]);
  });

  it("deletes the current resource but keeps its versions; a re-create numbers on", async () => {
    await stores.factories.upsertFactory({ name: "f" });
    const v1 = await stores.factories.putResource("f", {
      kind: "trigger",
      name: "t",
      json: { name: "t", n: 1 },
    });
    expect(
      await errorCode(stores.factories.deleteResource("f", "trigger", "t", { ifMatch: "0xSTALE" })),
    ).toBe("StoreConflict");
    await stores.factories.deleteResource("f", "trigger", "T", { ifMatch: v1.resource.etag });
    expect(await errorCode(stores.factories.getResource("f", "trigger", "t"))).toBe(
      "StoreNotFound",
    );
    expect(await errorCode(stores.factories.deleteResource("f", "trigger", "t"))).toBe(
      "StoreNotFound",
    );
    expect((await stores.factories.getResource("f", "trigger", "t", { version: 1 })).json).toEqual({
      name: "t",
      n: 1,
    });
    expect((await stores.factories.listResources("f", "trigger")).items).toEqual([]);
    const again = await stores.factories.putResource("f", {
      kind: "trigger",
      name: "t",
      json: { name: "t", n: 1 },
    });
    expect(again).toMatchObject({ outcome: "created", resource: { version: 2 } });
  });

  it("numbers versions without gaps or repeats when writers race", async () => {
    await stores.factories.upsertFactory({ name: "f" });
    const other = await target.open();
    const second = factoryStoresOn(other, stores.clock, 99);
    await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        (index % 2 === 0 ? stores : second).factories.putResource("f", {
          kind: "pipeline",
          name: "p",
          json: pipelineJson("p", index),
        }),
      ),
    );
    const versions = await stores.factories.listVersions("f", "pipeline", "p");
    expect(versions.items.map((item) => item.version)).toEqual([6, 5, 4, 3, 2, 1]);
    expect((await stores.factories.getResource("f", "pipeline", "p")).version).toBe(6);
  });
});
