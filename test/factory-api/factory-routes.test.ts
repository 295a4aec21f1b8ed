import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFactory, readFactory, validateFactory } from "../../src/factory/index.js";
import { createFactoryStore } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import { fixture, startFactoryApi, type FactoryApi } from "./factory-api-kit.js";

const kinds = ["pipelines", "datasets", "linkedservices", "triggers"] as const;

async function names(api: FactoryApi, factory: string, segment: string): Promise<string[]> {
  const reply = await api.call("GET", `/factories/${factory}/${segment}?api-version=2018-06-01`);
  expect(reply.statusCode).toBe(200);
  return (reply.json() as { value: { name: string }[] }).value.map((r) => r.name);
}

describeEachDialect("factory REST API", (target) => {
  let api: FactoryApi;
  beforeAll(async () => {
    api = await startFactoryApi(await target.open());
    expect((await api.deploy("retail", "retail")).statusCode).toBe(200);
  });
  afterAll(() => api.app.close());

  it("deploys the retail fixture and reads every resource back in ADF's shape", async () => {
    const reply = await api.call(
      "GET",
      "/factories/retail/pipelines/pl_master?api-version=2018-06-01",
    );
    expect(reply.statusCode).toBe(200);
    const pipeline = reply.json();
    expect(pipeline).toMatchObject({
      id: "/factories/retail/pipelines/pl_master",
      name: "pl_master",
      type: "Microsoft.DataFactory/factories/pipelines",
      etag: reply.headers.etag,
    });
    expect(pipeline.properties.activities.length).toBeGreaterThan(0);
    expect(await names(api, "retail", "pipelines")).toEqual(["pl_master", "pl_process_region"]);
    expect(await names(api, "retail", "datasets")).toEqual(["ds_landing_folder", "ds_sales_csv"]);
    expect(await names(api, "retail", "linkedservices")).toHaveLength(4);
    expect(await names(api, "retail", "triggers")).toEqual(["tr_daily", "tr_hourly_region"]);
    const factory = (await api.call("GET", "/factories/retail")).json();
    expect(factory.type).toBe("Microsoft.DataFactory/factories");
    expect(factory.properties.globalParameters.environment).toEqual({
      type: "String",
      value: "prod",
    });
  });

  it("deploys the ARM twin to the same resources", async () => {
    const reply = await api.deploy("retail-arm", "retail-arm");
    expect(reply.statusCode).toBe(200);
    for (const segment of kinds) {
      expect(await names(api, "retail-arm", segment)).toEqual(await names(api, "retail", segment));
    }
  });

  it("stores nothing from a broken factory and reports every problem", async () => {
    const { definition } = await readFactory(fixture("broken-many"));
    const errors = validateFactory(definition).filter((p) => p.severity === "error");
    expect(errors.length).toBeGreaterThan(1);
    const reply = await api.call("POST", "/factories/broken/sluice/deploy", definition);
    expect(reply.statusCode).toBe(400);
    const body = reply.json();
    expect(body.error.code).toBe("BadRequest");
    expect(body.error.details).toHaveLength(errors.length);
    expect(body.error.details[0]).toMatchObject({
      code: errors[0]!.code,
      target: `${errors[0]!.file}:${errors[0]!.jsonPath}`,
    });
    const factory = await api.call("GET", "/factories/broken");
    expect(factory.statusCode).toBe(404);
    expect(factory.json().error.code).toBe("ResourceNotFound");
  });

  it("reports unchanged on a second deploy and keeps versions on change", async () => {
    const again = (await api.deploy("retail", "retail")).json();
    expect(again.resources.every((r: { outcome: string }) => r.outcome === "unchanged")).toBe(true);
    const current = (await api.call("GET", "/factories/retail/pipelines/pl_master")).json();
    const changed = { properties: { ...current.properties, description: "changed" } };
    const put = await api.call("PUT", "/factories/retail/pipelines/pl_master", changed);
    expect(put.statusCode).toBe(200);
    expect(put.json().properties.description).toBe("changed");
    expect(put.json().etag).not.toBe(current.etag);
    const store = createFactoryStore(await target.open({ migrate: false }));
    const versions = await store.listVersions("retail", "pipeline", "pl_master");
    expect(versions.items.map((v) => v.version)).toEqual([2, 1]);
  });

  it("matches factory and resource names regardless of case", async () => {
    const reply = await api.call("GET", "/factories/RETAIL/pipelines/PL_MASTER");
    expect(reply.statusCode).toBe(200);
    expect(reply.json().name).toBe("pl_master");
  });

  it("refuses a dataset whose linked service does not exist, storing nothing", async () => {
    const dataset = {
      properties: {
        type: "DelimitedText",
        linkedServiceName: { referenceName: "ls_missing", type: "LinkedServiceReference" },
        typeProperties: { location: { type: "AzureBlobStorageLocation", container: "c" } },
      },
    };
    const reply = await api.call("PUT", "/factories/retail/datasets/ds_new", dataset);
    expect(reply.statusCode).toBe(400);
    expect(reply.json().error.details.map((d: { code: string }) => d.code)).toContain(
      "MissingReference",
    );
    expect((await api.call("GET", "/factories/retail/datasets/ds_new")).statusCode).toBe(404);
    const fixed = {
      properties: {
        ...dataset.properties,
        linkedServiceName: { referenceName: "LS_STORAGE", type: "LinkedServiceReference" },
      },
    };
    expect((await api.call("PUT", "/factories/retail/datasets/ds_new", fixed)).statusCode).toBe(
      200,
    );
  });

  it("honours If-Match, deletes with 200 then 204, and 404s a missing factory", async () => {
    const current = (await api.call("GET", "/factories/retail/triggers/tr_daily")).json();
    const body = { properties: current.properties };
    const stale = await api.call("PUT", "/factories/retail/triggers/tr_daily", body, {
      "if-match": '"stale"',
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.code).toBe("PreconditionFailed");
    const ok = await api.call("PUT", "/factories/retail/triggers/tr_daily", body, {
      "if-match": current.etag,
    });
    expect(ok.statusCode).toBe(200);
    expect((await api.call("DELETE", "/factories/retail/triggers/tr_daily")).statusCode).toBe(200);
    expect((await api.call("DELETE", "/factories/retail/triggers/tr_daily")).statusCode).toBe(204);
    expect((await api.call("GET", "/factories/nope/pipelines")).statusCode).toBe(404);
  });

  it("sets global parameters with PUT /factories/{factory}", async () => {
    const body = {
      properties: { globalParameters: { environment: { type: "String", value: "dev" } } },
    };
    const reply = await api.call("PUT", "/factories/retail-arm?api-version=2018-06-01", body);
    expect(reply.statusCode).toBe(200);
    expect(reply.json().properties).toEqual(body.properties);
    const bad = { properties: { globalParameters: { x: { type: "Nope", value: 1 } } } };
    expect((await api.call("PUT", "/factories/retail-arm", bad)).statusCode).toBe(400);
  });

  it("deletes what a deploy with deleteMissing=true does not hold", async () => {
    const definition = await loadFactory(fixture("retail"));
    const reply = await api.call("POST", "/factories/slim/sluice/deploy", definition);
    expect(reply.statusCode).toBe(200);
    const withoutTriggers = { ...definition, triggers: [], sources: undefined };
    const slim = await api.call(
      "POST",
      "/factories/slim/sluice/deploy?deleteMissing=true",
      withoutTriggers,
    );
    expect(slim.statusCode).toBe(200);
    expect(slim.json().deleted).toEqual([
      { kind: "trigger", name: "tr_daily" },
      { kind: "trigger", name: "tr_hourly_region" },
    ]);
    expect(await names(api, "slim", "triggers")).toEqual([]);
  });

  describe("bad requests", () => {
    it("answers malformed JSON in ADF's shape", async () => {
      const reply = await api.app.inject({
        method: "PUT",
        url: "/factories/retail/pipelines/x",
        headers: { authorization: "Bearer factory-test-token", "content-type": "application/json" },
        payload: "{ nope",
      });
      expect(reply.statusCode).toBe(400);
      expect(reply.json().error.code).toBe("BadRequest");
    });
  });
});
