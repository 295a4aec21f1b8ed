// What `GET /pools` shows of autoscale: Batch sets `autoScaleEvaluationInterval` (its
// default `PT15M` when none was given) and `autoScaleRun` only while the pool autoscales
// ("This property is set only if the Pool automatically scales, i.e. enableAutoScale is
// true": Batch's CloudPool reference).
import { afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import type { CloudPool } from "../../src/api/index.js";
import type { Database } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import { addPool, json, startBatchApi, type BatchApi } from "./batch-api-kit.js";

describeEachDialect("Batch pool view of autoscale", (target) => {
  let database: Database;
  let api: BatchApi;
  beforeAll(async () => {
    database = await target.open();
  });
  beforeEach(async () => {
    api = await startBatchApi(database);
  });
  afterEach(() => api.close());

  const pool = async (id = "pool") => json<CloudPool>(await api.call("GET", `/pools/${id}`));
  const listed = async () => json<{ value: CloudPool[] }>(await api.call("GET", "/pools")).value;

  it("an autoscale pool added without an interval shows PT15M, in GET and in the list", async () => {
    await addPool(api, "pool", {
      targetDedicatedNodes: undefined,
      enableAutoScale: true,
      autoScaleFormula: "$TargetDedicatedNodes = 1;",
    });
    expect(await pool()).toMatchObject({
      enableAutoScale: true,
      autoScaleEvaluationInterval: "PT15M",
      autoScaleRun: { results: expect.stringContaining("$TargetDedicatedNodes=1;") },
    });
    expect(await listed()).toMatchObject([{ id: "pool", autoScaleEvaluationInterval: "PT15M" }]);
  });

  it("a fixed-size pool shows no interval; enabling without one shows PT15M; disabling hides it and the run", async () => {
    await addPool(api);
    const fixed = await pool();
    expect(fixed.enableAutoScale).toBe(false);
    expect(fixed).not.toHaveProperty("autoScaleEvaluationInterval");
    const enable = await api.call("POST", "/pools/pool/enableautoscale", {
      autoScaleFormula: "$TargetDedicatedNodes = 2;",
    });
    expect(enable.statusCode, enable.body).toBe(200);
    expect(await pool()).toMatchObject({ autoScaleEvaluationInterval: "PT15M" });
    // Batch allows one enableautoscale per pool every 30 seconds.
    api.clock.advance(30_000);
    const interval = await api.call("POST", "/pools/pool/enableautoscale", {
      autoScaleEvaluationInterval: "PT5M",
    });
    expect(interval.statusCode, interval.body).toBe(200);
    expect(await pool()).toMatchObject({ autoScaleEvaluationInterval: "PT5M" });
    expect((await api.call("POST", "/pools/pool/disableautoscale")).statusCode).toBe(200);
    const disabled = await pool();
    expect(disabled).toMatchObject({ enableAutoScale: false, targetDedicatedNodes: 2 });
    expect(disabled).not.toHaveProperty("autoScaleEvaluationInterval");
    expect(disabled).not.toHaveProperty("autoScaleRun");
  });
});
