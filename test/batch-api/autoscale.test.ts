// Pool autoscale over the Batch API: formulas refused with Batch's codes and positions
// (the pool unchanged), enableautoscale / disableautoscale / evaluateautoscale, the pool's
// autoScaleRun, and periodic runs driven by the samples the server keeps. Semantics from
// MicrosoftDocs/azure-docs articles/batch/batch-automatic-scaling.md.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { createBatchService } from "../../src/batch/index.js";
import { seededRandom, silentLogger } from "../../src/core/index.js";
import { openLocalStorage } from "../../src/storage/index.js";
import { createPoolStore } from "../../src/store/index.js";
import type { AutoScaleRun, CloudPool } from "../../src/api/index.js";
import type { Database } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import { TestAgent } from "./agent-kit.js";
import { addJob, addTasks, json, start, startBatchApi, type BatchApi } from "./batch-api-kit.js";

const minute = 60_000;
const pendingFormula = `$samples = $PendingTasks.GetSamplePercent(TimeInterval_Minute * 5);
$TargetDedicatedNodes = $samples < 50 ? $TargetDedicatedNodes : max($PendingTasks.GetSample(1));
$NodeDeallocationOption = taskcompletion;`;

describeEachDialect("Batch pool autoscale", (target) => {
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
  const addAutoPool = (formula: string, extra: object = {}) =>
    api.call("POST", "/pools", {
      id: "pool",
      vmSize: "standard_d2s_v3",
      sluiceExternalNodes: true,
      enableAutoScale: true,
      autoScaleFormula: formula,
      ...extra,
    });
  const errorOf = (body: string) =>
    JSON.parse(body) as { code: string; values?: { key: string; value: string }[] };
  const value = (body: string, key: string) =>
    errorOf(body).values?.find((entry) => entry.key === key)?.value;

  it("a new autoscale pool takes its formula's target at once and shows the run", async () => {
    const created = await addAutoPool("$TargetDedicatedNodes = 2;", {
      autoScaleEvaluationInterval: "PT10M",
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(await pool()).toMatchObject({
      enableAutoScale: true,
      autoScaleFormula: "$TargetDedicatedNodes = 2;",
      autoScaleEvaluationInterval: "PT10M",
      targetDedicatedNodes: 2,
      allocationState: "resizing",
      autoScaleRun: {
        timestamp: new Date(start).toISOString(),
        results:
          "$TargetDedicatedNodes=2;$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue",
      },
    });
  });

  it("refuses bad formulas with Batch's codes and the position, creating nothing", async () => {
    const syntax = await addAutoPool("$a = 1;\n$TargetDedicatedNodes = (2 + ;");
    expect(syntax.statusCode).toBe(400);
    expect(errorOf(syntax.body).code).toBe("AutoScalingFormulaSyntaxError");
    expect(value(syntax.body, "Message")).toBe(
      "Line 2, Col 30: expected a number, string, variable, function call or '(' but found ';'",
    );
    const unknown = await addAutoPool("$TargetDedicatedNodes = $PendingTask.GetSample(1);");
    expect(errorOf(unknown.body).code).toBe("InvalidAutoScalingSettings");
    expect(value(unknown.body, "Message")).toMatch(/^Line 1, Col 25: the variable '\$PendingTask'/);
    const typed = await addAutoPool("$TargetDedicatedNodes = time();");
    expect(value(typed.body, "Message")).toBe(
      "Line 1, Col 1: '$TargetDedicatedNodes' must be a double, not timestamp",
    );
    const oversize = await addAutoPool(`$TargetDedicatedNodes = 1;${" ".repeat(8192)}`);
    expect(oversize.statusCode).toBe(400);
    expect(errorOf(oversize.body).code).toBe("AutoScalingFormulaTooLong");
    const short = await addAutoPool("$TargetDedicatedNodes = 1;", {
      autoScaleEvaluationInterval: "PT1M",
    });
    expect(errorOf(short.body).code).toBe("InvalidPropertyValue");
    expect((await api.call("GET", "/pools/pool")).statusCode).toBe(404);
  });

  it("enableautoscale refuses a bad formula and leaves the pool as it was", async () => {
    await api.call("POST", "/pools", {
      id: "pool",
      vmSize: "s",
      sluiceExternalNodes: true,
      targetDedicatedNodes: 1,
    });
    const before = await pool();
    const refused = await api.call("POST", "/pools/pool/enableautoscale", {
      autoScaleFormula: "$TargetDedicatedNodes = max(1, ;",
    });
    expect(refused.statusCode).toBe(400);
    expect(errorOf(refused.body).code).toBe("AutoScalingFormulaSyntaxError");
    expect(value(refused.body, "Message")).toMatch(/^Line 1, Col 32: /);
    expect(await pool()).toEqual(before);
    const missing = await api.call("POST", "/pools/pool/enableautoscale", {
      autoScaleEvaluationInterval: "PT5M",
    });
    expect(errorOf(missing.body).code).toBe("MissingRequiredProperty");
    expect(await pool()).toEqual(before);
  });

  it("enable, evaluate without applying, update the interval, disable", async () => {
    await api.call("POST", "/pools", {
      id: "pool",
      vmSize: "s",
      sluiceExternalNodes: true,
      targetDedicatedNodes: 1,
    });
    const notYet = await api.call("POST", "/pools/pool/evaluateautoscale", {
      autoScaleFormula: "$TargetDedicatedNodes=3",
    });
    expect(notYet.statusCode).toBe(409);
    const enabled = await api.call("POST", "/pools/pool/enableautoscale", {
      autoScaleFormula: "$TargetDedicatedNodes=2",
    });
    expect(enabled.statusCode, enabled.body).toBe(200);
    expect(enabled.headers.etag).toMatch(/^0x/);
    expect(await pool()).toMatchObject({ enableAutoScale: true, targetDedicatedNodes: 2 });

    const evaluate = (formula: string) =>
      api.call("POST", "/pools/pool/evaluateautoscale", { autoScaleFormula: formula });
    const good = await evaluate("$TargetDedicatedNodes=3");
    expect(good.statusCode).toBe(200);
    expect(json<AutoScaleRun>(good).results).toBe(
      "$TargetDedicatedNodes=3;$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue",
    );
    // As the Azure SDK's recorded test shows: an evaluation error, results from the pool's target.
    const useless = json<AutoScaleRun>(await evaluate("$something_useless"));
    expect(useless.error?.code).toBe("AutoScalingFormulaEvaluationError");
    expect(useless.error?.values?.[0]?.value).toMatch(
      /^Line 1, Col 1: the variable '\$something_useless'/,
    );
    expect(useless.results).toBe(
      "$TargetDedicatedNodes=2;$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue",
    );
    const syntax = await evaluate("$TargetDedicatedNodes = = 3");
    expect(syntax.statusCode).toBe(400);
    expect(errorOf(syntax.body).code).toBe("AutoScalingFormulaSyntaxError");
    expect((await pool()).targetDedicatedNodes).toBe(2);

    // Batch allows one enableautoscale per pool every 30 seconds.
    api.clock.advance(30_000);
    const interval = await api.call("POST", "/pools/pool/enableautoscale", {
      autoScaleEvaluationInterval: "PT7M",
    });
    expect(interval.statusCode, interval.body).toBe(200);
    expect(await pool()).toMatchObject({
      autoScaleFormula: "$TargetDedicatedNodes=2",
      autoScaleEvaluationInterval: "PT7M",
    });

    expect(
      (await api.call("POST", "/pools/pool/resize", { targetDedicatedNodes: 4 })).statusCode,
    ).toBe(409);
    expect((await api.call("POST", "/pools/pool/disableautoscale")).statusCode).toBe(200);
    const disabled = await pool();
    expect(disabled).toMatchObject({ enableAutoScale: false, targetDedicatedNodes: 2 });
    expect(disabled.autoScaleFormula).toBeUndefined();
  });

  it("grows with $PendingTasks and shrinks as tasks finish, at each evaluation interval", async () => {
    const created = await addAutoPool(pendingFormula, { autoScaleEvaluationInterval: "PT5M" });
    expect(created.statusCode, created.body).toBe(201);
    // Too few samples yet: the target stays where it was.
    expect((await pool()).targetDedicatedNodes).toBe(0);
    await addJob(api, "job");
    await addTasks(
      api,
      "job",
      [1, 2, 3].map((n) => ({ id: `t${n}`, commandLine: "/bin/true" })),
    );
    const tick = async (ms: number) => {
      api.clock.advance(ms);
      await api.service.autoScale.tick();
    };
    for (let i = 0; i < 9; i++) await tick(30_000);
    expect((await pool()).targetDedicatedNodes).toBe(0);
    await tick(30_000); // 5 minutes after the first run
    const grown = await pool();
    expect(grown).toMatchObject({ targetDedicatedNodes: 3, allocationState: "resizing" });
    expect(grown.autoScaleRun?.results).toContain("$TargetDedicatedNodes=3;");
    expect(grown.autoScaleRun?.results).toContain("$samples=100");

    const agents = [
      await TestAgent.register(api),
      await TestAgent.register(api),
      await TestAgent.register(api),
    ];
    for (const agent of agents) await agent.runOne();
    for (let i = 0; i < 10; i++) await tick(30_000);
    const shrunk = await pool();
    expect(shrunk.targetDedicatedNodes).toBe(0);
    expect(shrunk.currentDedicatedNodes).toBe(0);
  });

  it("runs a pool's formula at once on request (Sluice's sluice/runautoscale)", async () => {
    await addAutoPool("$TargetDedicatedNodes = max(0, $PendingTasks.GetSample(1));");
    expect((await pool()).targetDedicatedNodes).toBe(0);
    await addJob(api, "job");
    await addTasks(api, "job", [
      { id: "a", commandLine: "/bin/true" },
      { id: "b", commandLine: "/bin/true" },
    ]);
    api.clock.advance(1_000);
    const ran = await api.call("POST", "/pools/pool/sluice/runautoscale");
    expect(ran.statusCode, ran.body).toBe(200);
    expect(await pool()).toMatchObject({
      targetDedicatedNodes: 2,
      autoScaleRun: { timestamp: new Date(start + 1_000).toISOString() },
    });
  });

  it("keeps samples in the store: a second server sharing the database reads them", async () => {
    await addAutoPool("$TargetDedicatedNodes = 0;");
    for (let i = 0; i < 4; i++) {
      api.clock.advance(30_000);
      await api.service.autoScale.tick();
    }
    const folder = await mkdtemp(join(tmpdir(), "sluice-autoscale-second-"));
    const second = createBatchService({
      database,
      clock: api.clock,
      random: seededRandom(5),
      logger: silentLogger,
      taskFiles: openLocalStorage(join(folder, "task-files")),
      localContainer: (name) => openLocalStorage(join(folder, name)),
    });
    try {
      const run = await second.autoScale.evaluate("pool", {
        autoScaleFormula:
          "n = $PendingTasks.Count(); v = $SampleNodeCount.GetSample(TimeInterval_Minute * 2);",
      });
      expect(run.results).toContain("$n=4;$v=[0,0,0,0]");
    } finally {
      await second.stop();
      await rm(folder, { recursive: true, force: true });
    }
  });

  it("samples the nodes' CPU from their heartbeats and task slots", async () => {
    const formula = `$TargetDedicatedNodes = $CPUPercent.Count() == 0 ? 1 : (avg($CPUPercent.GetSample(1)) > 50 ? 3 : 1);
slots = $PendingTaskSlots.GetSample(1);
memory = $MemoryBytes.GetSample(1);`;
    await addAutoPool(formula, { autoScaleEvaluationInterval: "PT5M", taskSlotsPerNode: 4 });
    await addJob(api, "job");
    await addTasks(api, "job", [{ id: "wide", commandLine: "/bin/true", requiredSlots: 3 }]);
    const agent = await TestAgent.register(api);
    api.clock.advance(5 * minute);
    // Figures older than a lease are the node's no longer: the heartbeat comes just before.
    await agent.heartbeat([], { cpuPercent: 80, memoryBytes: 2 ** 30 });
    await api.service.autoScale.tick();
    const scaled = await pool();
    expect(scaled.targetDedicatedNodes).toBe(3);
    expect(scaled.autoScaleRun?.results).toContain("$slots=[3]");
    // Batch's docs describe $MemoryBytes as megabytes.
    expect(scaled.autoScaleRun?.results).toContain("$memory=[1024]");
  });

  it("allows one enableautoscale per pool every 30 seconds, as Batch", async () => {
    await addAutoPool("$TargetDedicatedNodes = 1;");
    const enable = (formula: string) =>
      api.call("POST", "/pools/pool/enableautoscale", { autoScaleFormula: formula });
    expect((await enable("$TargetDedicatedNodes = 2;")).statusCode).toBe(200);
    api.clock.advance(29_000);
    const early = await enable("$TargetDedicatedNodes = 3;");
    expect(early.statusCode).toBe(409);
    expect(json<{ code: string }>(early).code).toBe("TooManyEnableAutoScaleRequests");
    // Refused: the pool keeps the formula and target of the call before.
    expect(await pool()).toMatchObject({
      autoScaleFormula: "$TargetDedicatedNodes = 2;",
      targetDedicatedNodes: 2,
    });
    api.clock.advance(1_000);
    expect((await enable("$TargetDedicatedNodes = 3;")).statusCode).toBe(200);
    expect((await pool()).targetDedicatedNodes).toBe(3);
  });

  it("samples the nodes' disk space and disk and network traffic from their heartbeats", async () => {
    const formula = `disk = $DiskBytes.GetSample(1);
read = $DiskReadBytes.GetSample(1);
ops = $DiskWriteOps.GetSample(1);
netIn = $NetworkInBytes.GetSample(1);
$TargetDedicatedNodes = avg($NetworkOutBytes.GetSample(1)) > 1000000 ? 2 : 1;`;
    await addAutoPool(formula, { autoScaleEvaluationInterval: "PT5M" });
    const [a, b] = [await TestAgent.register(api), await TestAgent.register(api)];
    api.clock.advance(5 * minute);
    const io = {
      diskReadBytes: 1000,
      diskWriteBytes: 0,
      diskReadOps: 1,
      diskWriteOps: 2,
      networkInBytes: 10,
      networkOutBytes: 50_000,
    };
    await a.heartbeat([], { diskBytes: 2 * 2 ** 30, ioPerSecond: io });
    await b.heartbeat([], { diskBytes: 4 * 2 ** 30, ioPerSecond: { ...io, diskWriteOps: 4 } });
    await api.service.autoScale.tick();
    const scaled = await pool();
    // $DiskBytes: the nodes' average gigabytes; traffic: what both moved in a 30 s sample.
    expect(scaled.autoScaleRun?.results).toContain("$disk=[3]");
    expect(scaled.autoScaleRun?.results).toContain("$read=[60000]");
    expect(scaled.autoScaleRun?.results).toContain("$ops=[180]");
    expect(scaled.autoScaleRun?.results).toContain("$netIn=[600]");
    expect(scaled.targetDedicatedNodes).toBe(2);
  });

  it("a stored formula that no longer parses fails its runs, not the other pools'", async () => {
    await addAutoPool("$TargetDedicatedNodes = 1;", { autoScaleEvaluationInterval: "PT5M" });
    const other = await api.call("POST", "/pools", {
      id: "other",
      vmSize: "s",
      sluiceExternalNodes: true,
      enableAutoScale: true,
      autoScaleFormula: "$TargetDedicatedNodes = 2;",
      autoScaleEvaluationInterval: "PT5M",
    });
    expect(other.statusCode, other.body).toBe(201);
    // As a pool created before formulas were checked would hold it.
    const pools = createPoolStore(database.db, { clock: api.clock, random: seededRandom(2) });
    const stored = await pools.get("pool");
    await pools.update("pool", {
      spec: { ...stored.spec, autoScaleFormula: "$TargetDedicatedNodes = (" },
    });
    await pools.update("other", {
      spec: { ...(await pools.get("other")).spec, autoScaleFormula: "$TargetDedicatedNodes = 3;" },
    });
    api.clock.advance(5 * minute);
    await api.service.autoScale.tick();
    const broken = await pool();
    expect(broken.targetDedicatedNodes).toBe(1);
    expect(broken.autoScaleRun?.error?.code).toBe("AutoScalingFormulaSyntaxError");
    expect(broken.autoScaleRun?.error?.values?.[0]?.value).toMatch(
      /^Line 1, Col 26: expected a number/,
    );
    expect((await pool("other")).targetDedicatedNodes).toBe(3);
  });

  it("records a failed run on the pool and keeps its target", async () => {
    await addAutoPool("$TargetDedicatedNodes = 2;");
    const enabled = await api.call("POST", "/pools/pool/enableautoscale", {
      autoScaleFormula:
        "$TargetDedicatedNodes = avg($RunningTasks.GetSample(TimeInterval_Minute * 10, 90));",
    });
    expect(enabled.statusCode, enabled.body).toBe(200);
    const failed = await pool();
    expect(failed.targetDedicatedNodes).toBe(2);
    expect(failed.autoScaleRun?.error).toEqual({
      code: "InsufficientSampleData",
      message: "Autoscale evaluation failed due to insufficient sample data",
      values: [
        {
          name: "Message",
          value:
            "Line 1, Col 43: Insufficient data from data set: $RunningTasks wanted 90%, received 5%",
        },
      ],
    });
  });
});
