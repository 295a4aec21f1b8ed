// The typed factory client against the real factory routes on loopback: deploy, read a
// pipeline, and ADF's CloudError bodies as ApiErrors carrying ADF's code.
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ApiError, FactoryClient } from "../../src/client/index.js";
import { loadFactory } from "../../src/factory/index.js";
import { describeEachDialect } from "../support/databases.js";
import { fixture, startFactoryApi, token, type FactoryApi } from "./factory-api-kit.js";

describeEachDialect("FactoryClient", (target) => {
  let api: FactoryApi;
  let client: FactoryClient;
  beforeAll(async () => {
    api = await startFactoryApi(await target.open());
    await api.app.listen({ host: "127.0.0.1", port: 0 });
    const port = (api.app.server.address() as AddressInfo).port;
    client = new FactoryClient({ url: `http://127.0.0.1:${port}`, token });
  });
  afterAll(() => api.app.close());

  it("deploys a loaded factory and reads a pipeline back", async () => {
    const report = await client.deploy("retail", await loadFactory(fixture("retail")));
    expect(report.factory.name).toBe("retail");
    expect(report.resources.every((resource) => resource.outcome === "created")).toBe(true);
    const pipeline = await client.getPipeline("retail", "pl_master");
    expect(pipeline).toMatchObject({
      name: "pl_master",
      type: "Microsoft.DataFactory/factories/pipelines",
    });
    expect(Array.isArray(pipeline.properties.activities)).toBe(true);
  });

  it("turns ADF's error bodies into ApiErrors with ADF's code and message", async () => {
    const missing = await client.getPipeline("retail", "nope").catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(ApiError);
    expect((missing as ApiError).status).toBe(404);
    expect((missing as ApiError).batchCode).toBe("ResourceNotFound");
    const refused = await client
      .deploy("x", await loadFactory(fixture("retail")))
      .catch((error: unknown) => error);
    expect((refused as ApiError).batchCode).toBe("BadRequest");
    expect((refused as ApiError).message).toMatch(/The factory name "x" is not valid/);
  });
});
