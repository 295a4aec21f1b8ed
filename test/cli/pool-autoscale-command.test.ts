// `sluice pool autoscale ...` and `sluice pool show`'s autoscale run, against a real Batch
// API on loopback with a manual clock.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { runPool } from "../../src/cli/commands/index.js";
import type { Database } from "../../src/store/index.js";
import { addPool, startBatchApi, type BatchApi } from "../batch-api/batch-api-kit.js";
import { describeEachDialect } from "../support/databases.js";
import { runCli } from "./cli-harness.js";

describeEachDialect("sluice pool autoscale", (target) => {
  let database: Database;
  let api: BatchApi;
  let url: string;
  let folder: string;
  beforeAll(async () => {
    database = await target.open();
    folder = await mkdtemp(join(tmpdir(), "sluice-pool-autoscale-"));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));
  beforeEach(async () => {
    api = await startBatchApi(database);
    url = await api.app.listen({ host: "127.0.0.1", port: 0 });
    await addPool(api);
  });
  afterEach(() => api.close());
  const cli = (argv: string[]) => runCli(runPool, argv, { url });
  const shown = async () =>
    JSON.parse((await cli(["show", "pool", "--json"])).out) as Record<string, unknown>;

  it("enables, shows the run, evaluates without applying, runs now, disables", async () => {
    const enabled = await cli([
      "autoscale",
      "enable",
      "pool",
      "--formula",
      "$TargetDedicatedNodes = 2;",
      "--interval",
      "5m",
    ]);
    expect(enabled).toEqual({
      code: 0,
      out: "Enabled autoscale on pool pool, every PT300S: target 2 node(s).\n",
      err: "",
    });
    const details = (await cli(["show", "pool"])).out;
    expect(details).toMatch(/^autoScaleRun\.timestamp +2026-01-01T00:00:00\.000Z$/m);
    expect(details).toMatch(
      /^autoScaleRun\.results +\$TargetDedicatedNodes=2;\$TargetLowPriorityNodes=0;\$NodeDeallocationOption=requeue$/m,
    );
    expect(details).not.toContain("autoScaleRun.error");

    const file = join(folder, "try.formula");
    await writeFile(file, "$x = 3;\n$TargetDedicatedNodes = $x * 2;\n");
    const evaluated = await cli(["autoscale", "evaluate", "pool", "--formula-file", file]);
    expect(evaluated).toEqual({
      code: 0,
      out: "$TargetDedicatedNodes=6\n$TargetLowPriorityNodes=0\n$NodeDeallocationOption=requeue\n$x=3\n",
      err: "",
    });
    expect(await shown()).toMatchObject({ targetDedicatedNodes: 2 });

    api.clock.advance(60_000);
    const ran = await cli(["autoscale", "run", "pool"]);
    expect(ran.code, ran.err).toBe(0);
    expect(ran.out).toBe(
      "Ran autoscale on pool pool: target 2 node(s).\n  $TargetDedicatedNodes=2\n  $TargetLowPriorityNodes=0\n  $NodeDeallocationOption=requeue\n",
    );
    expect(await shown()).toMatchObject({
      autoScaleRun: { timestamp: "2026-01-01T00:01:00.000Z" },
    });

    expect(await cli(["autoscale", "disable", "pool"])).toEqual({
      code: 0,
      out: "Disabled autoscale on pool pool; it keeps its current target.\n",
      err: "",
    });
    const disabled = await shown();
    expect(disabled).toMatchObject({ enableAutoScale: false, targetDedicatedNodes: 2 });
    expect(disabled).not.toHaveProperty("autoScaleEvaluationInterval");
    expect(disabled).not.toHaveProperty("autoScaleRun");
    const refused = await cli(["autoscale", "evaluate", "pool", "--formula", "$x = 1;"]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^error OperationInvalidForCurrentState: /);
    expect((await cli(["autoscale", "run", "pool"])).code).toBe(1);
  });

  it("a formula without --interval is evaluated every PT15M, Batch's default", async () => {
    const enabled = await cli([
      "autoscale",
      "enable",
      "pool",
      "--formula",
      "$TargetDedicatedNodes = 0",
    ]);
    expect(enabled.out).toBe("Enabled autoscale on pool pool, every PT15M: target 0 node(s).\n");
    expect(await shown()).toMatchObject({ autoScaleEvaluationInterval: "PT15M" });
  });

  it("refuses a bad formula with its line and column, and leaves the pool unchanged", async () => {
    await cli(["autoscale", "enable", "pool", "--formula", "$TargetDedicatedNodes = 1;"]);
    const bad = await cli([
      "autoscale",
      "enable",
      "pool",
      "--formula",
      "$TargetDedicatedNodes = 1;\n$TargetDedicatedNodes = max(1, 2;",
    ]);
    expect(bad.code).toBe(1);
    expect(bad.out).toBe("");
    expect(bad.err).toMatch(/^error AutoScalingFormulaSyntaxError: .*Line 2, Col \d+: /);
    expect(await shown()).toMatchObject({ autoScaleFormula: "$TargetDedicatedNodes = 1;" });

    const unknown = await cli(["autoscale", "enable", "pool", "--formula", "$Nope = $Missing;"]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/^error InvalidAutoScalingSettings: .*Line 1, Col 9: /);
    expect(await shown()).toMatchObject({ autoScaleFormula: "$TargetDedicatedNodes = 1;" });

    // evaluateautoscale refuses only a formula it cannot read (Batch's syntax and size errors).
    const syntax = await cli(["autoscale", "evaluate", "pool", "--formula", "$x = (1;"]);
    expect(syntax.code).toBe(1);
    expect(syntax.err).toMatch(/^error AutoScalingFormulaSyntaxError: .*Line 1, Col \d+: /);
  });

  it("reports a formula that fails while running: its results, then the error's position", async () => {
    await cli(["autoscale", "enable", "pool", "--formula", "$TargetDedicatedNodes = 1;"]);
    const failed = await cli([
      "autoscale",
      "evaluate",
      "pool",
      "--formula",
      "$a = 1;\n$TargetDedicatedNodes = -$a;",
    ]);
    expect(failed.code).toBe(1);
    expect(failed.out).toContain("$a=1\n");
    expect(failed.err).toMatch(
      /^error AutoScalingFormulaEvaluationError: .*: Line 2, Col \d+: \$TargetDedicatedNodes must be/,
    );
  });

  it("gives usage errors (exit 2) for missing, doubled or bad flags", async () => {
    const none = await cli(["autoscale", "enable", "pool"]);
    expect(none.code).toBe(2);
    expect(none.err).toContain("needs --formula TEXT or --formula-file FILE");
    const both = await cli([
      "autoscale",
      "evaluate",
      "pool",
      "--formula",
      "x=1",
      "--formula-file",
      "f",
    ]);
    expect(both.code).toBe(2);
    expect(both.err).toContain("--formula or --formula-file, not both");
    const missing = await cli([
      "autoscale",
      "evaluate",
      "pool",
      "--formula-file",
      join(folder, "none"),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("--formula-file");
    const interval = await cli([
      "autoscale",
      "enable",
      "pool",
      "--formula",
      "x=1",
      "--interval",
      "soon",
    ]);
    expect(interval.code).toBe(2);
    expect(interval.err).toContain("--interval must be a duration");
    const verb = await cli(["autoscale", "grow", "pool"]);
    expect(verb.code).toBe(2);
    expect(verb.err).toContain("commands: enable, disable, evaluate, run");
    expect(await shown()).toMatchObject({ enableAutoScale: false });
  });
});
