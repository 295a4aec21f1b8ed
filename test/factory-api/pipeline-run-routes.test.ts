// The read paths of ADF's pipeline run API over real stores: GET a run, queryPipelineRuns and
// queryActivityruns. createRun and cancel need the engine; their route tests come with it.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { PipelineRunRecord } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import { startRunApi, t0, type RunApi } from "./run-api-kit.js";

const minute = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

describeEachDialect("pipeline run REST API", (target) => {
  let api: RunApi;
  /** Runs by label: load1 Succeeded, copy1 Failed, load2 InProgress (in f); other (in g). */
  const runs = new Map<string, PipelineRunRecord>();
  let version: number;

  beforeAll(async () => {
    api = await startRunApi(await target.open());
    version = await api.putPipeline("f", "Load");
    await api.putPipeline("g", "Other");
    const plan: [string, string, string, PipelineRunRecord["status"] | undefined][] = [
      ["load1", "f", "Load", "Succeeded"],
      ["copy1", "f", "Copy", "Failed"],
      ["load2", "f", "LOAD", "InProgress"],
      ["other", "g", "Other", "Succeeded"],
    ];
    for (const [label, factory, pipeline, status] of plan) {
      const created = await api.createRun(factory, pipeline, {
        pipelineVersion: pipeline.toLowerCase() === "load" ? version : null,
        parameters: { password: "s3cret-pw", region: "eu" },
      });
      api.clock.advance(minute);
      const ended = status === "Succeeded" || status === "Failed";
      runs.set(
        label,
        await api.runs.update(created.runId, {
          ...(status === undefined ? {} : { status }),
          ...(ended ? { runEnd: api.clock.now(), durationInMs: minute } : {}),
          ...(status === "Failed" ? { message: "Operation on target Wait1 failed" } : {}),
        }),
      );
    }
  });
  afterAll(() => api.close());

  const id = (label: string) => runs.get(label)!.runId;

  it("returns a run in ADF's shape, its SecureString parameter masked", async () => {
    const reply = await api.call(
      "GET",
      `/factories/f/pipelineruns/${id("load1")}?api-version=2018-06-01`,
    );
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({
      id: `/factories/f/pipelineruns/${id("load1")}`,
      runId: id("load1"),
      runGroupId: id("load1"),
      isLatest: true,
      pipelineName: "Load",
      parameters: { password: "**********", region: "eu" },
      runDimensions: {},
      invokedBy: { name: "Manual", id: "manual-1", invokedByType: "Manual" },
      lastUpdated: iso(t0 + minute),
      runStart: iso(t0),
      runEnd: iso(t0 + minute),
      durationInMs: minute,
      status: "Succeeded",
      message: "",
      annotations: [],
    });
  });

  it("masks by the current definition when a run names no version (Copy has none stored: nothing to mask)", async () => {
    const copy = (
      await api.call("GET", `/factories/F/pipelineruns/${id("copy1").toUpperCase()}`)
    ).json();
    expect(copy.parameters).toEqual({ password: "s3cret-pw", region: "eu" });
    const other = (await api.call("GET", `/factories/g/pipelineruns/${id("other")}`)).json();
    expect(other.parameters.password).toBe("**********");
  });

  it("masks a parent's secrets in the runs its ExecutePipeline activities started", async () => {
    // In factory g, so f's queries below keep their three runs.
    const child = await api.createRun("g", "Child", {
      parentRunId: id("load1"),
      invokedBy: {
        name: "Exec",
        id: "e-1",
        invokedByType: "PipelineActivity",
        pipelineName: "Load",
        pipelineRunId: id("load1"),
      },
      parameters: { connection: "user=x;pwd=s3cret-pw", region: "eu" },
    });
    const shown = (await api.call("GET", `/factories/g/pipelineruns/${child.runId}`)).json();
    expect(shown.parameters).toEqual({ connection: "user=x;pwd=**********", region: "eu" });
    expect(shown.invokedBy).toMatchObject({ pipelineName: "Load", pipelineRunId: id("load1") });
  });

  it("answers 404 in ADF's error shape for a run of another factory or no run at all", async () => {
    for (const path of [
      `/factories/g/pipelineruns/${id("load1")}`,
      "/factories/f/pipelineruns/00000000-0000-4000-8000-000000000000",
    ]) {
      const reply = await api.call("GET", path);
      expect(reply.statusCode).toBe(404);
      expect(reply.json().error.code).toBe("ResourceNotFound");
      expect(reply.json().error.message).toMatch(/was not found in the factory/);
    }
  });

  it("queries a factory's runs newest first, filtered and ordered as asked", async () => {
    const all = await api.call("POST", "/factories/f/queryPipelineRuns?api-version=2018-06-01", {
      lastUpdatedAfter: iso(t0 - minute),
      lastUpdatedBefore: iso(t0 + 10 * minute),
    });
    expect(all.statusCode).toBe(200);
    const body = all.json();
    expect(body.value.map((r: { runId: string }) => r.runId)).toEqual([
      id("load2"),
      id("copy1"),
      id("load1"),
    ]);
    expect(body.continuationToken).toBeUndefined();
    expect(body.value[0].parameters.password).toBe("**********");
    const filtered = await api.call("POST", "/factories/f/queryPipelineRuns", {
      filters: [
        { operand: "PipelineName", operator: "Equals", values: ["load"] },
        { operand: "Status", operator: "NotIn", values: ["InProgress"] },
      ],
    });
    expect(filtered.json().value.map((r: { runId: string }) => r.runId)).toEqual([id("load1")]);
    const ordered = await api.call("POST", "/factories/f/queryPipelineRuns", {
      orderBy: [{ orderBy: "Status", order: "ASC" }],
    });
    expect(ordered.json().value.map((r: { status: string }) => r.status)).toEqual([
      "Failed",
      "InProgress",
      "Succeeded",
    ]);
  });

  it("bounds by lastUpdated and takes no body as no bounds", async () => {
    const early = await api.call("POST", "/factories/f/queryPipelineRuns", {
      lastUpdatedAfter: iso(t0),
      lastUpdatedBefore: iso(t0 + minute),
    });
    expect(early.json().value.map((r: { runId: string }) => r.runId)).toEqual([id("load1")]);
    const none = await api.call("POST", "/factories/f/queryPipelineRuns");
    expect(none.json().value).toHaveLength(3);
  });

  it("refuses a bad filter body with a 400 naming the field, and an unknown factory with a 404", async () => {
    const bad = await api.call("POST", "/factories/f/queryPipelineRuns", {
      filters: [{ operand: "Colour", operator: "Equals", values: ["red"] }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("BadRequest");
    expect(bad.json().error.message).toMatch(
      /filters\[0\]\.operand is "Colour"; allowed: PipelineName/,
    );
    const token = await api.call("POST", "/factories/f/queryPipelineRuns", {
      continuationToken: "not-a-token",
    });
    expect(token.statusCode).toBe(400);
    expect(token.json().error.message).toMatch(/continuationToken/);
    const missing = await api.call("POST", "/factories/nope/queryPipelineRuns", {});
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe("ResourceNotFound");
  });

  it("queries a run's activity runs with masking, filters, both path spellings and pages", async () => {
    const runId = id("load2");
    const iterations = Array.from({ length: 1001 }, (_, index) => ({
      activityName: "Process",
      activityType: "Custom",
      status: index === 7 ? ("Failed" as const) : ("Succeeded" as const),
      scopePath: `ForEach1[${index}]`,
      iterationIndex: index,
      input: { command: `run --password s3cret-pw --item ${index}` },
      ...(index === 7
        ? {
            error: {
              errorCode: "2003",
              message: "exit 1: bad password s3cret-pw",
              failureType: "UserError",
              target: "Process",
            },
          }
        : {}),
    }));
    await api.activities.createMany(runId, [
      { activityName: "ForEach1", activityType: "ForEach", status: "InProgress" },
      ...iterations,
    ]);
    const first = await api.call(
      "POST",
      `/factories/f/pipelineruns/${runId}/queryActivityruns`,
      {},
    );
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.value).toHaveLength(1000);
    expect(page.continuationToken).toEqual(expect.any(String));
    expect(page.value[0]).toMatchObject({
      activityName: "ForEach1",
      activityType: "ForEach",
      pipelineName: "LOAD",
      pipelineRunId: runId,
      status: "InProgress",
      linkedServiceName: "",
      iterationHash: "",
      retryAttempt: null,
    });
    expect(page.value[1].input).toEqual({ command: "run --password ********** --item 0" });
    const rest = await api.call("POST", `/factories/f/pipelineruns/${runId}/queryActivityRuns`, {
      continuationToken: page.continuationToken,
    });
    expect(rest.json().value).toHaveLength(2);
    expect(rest.json().continuationToken).toBeUndefined();
    const failed = await api.call("POST", `/factories/f/pipelineruns/${runId}/queryActivityruns`, {
      filters: [{ operand: "Status", operator: "Equals", values: ["failed"] }],
    });
    expect(failed.json().value).toHaveLength(1);
    expect(failed.json().value[0].error).toEqual({
      errorCode: "2003",
      message: "exit 1: bad password **********",
      failureType: "UserError",
      target: "Process",
      details: "",
    });
  });

  it("refuses activity queries for runs of other factories and bad bodies", async () => {
    const other = await api.call(
      "POST",
      `/factories/g/pipelineruns/${id("load1")}/queryActivityruns`,
      {},
    );
    expect(other.statusCode).toBe(404);
    const bad = await api.call(
      "POST",
      `/factories/f/pipelineruns/${id("load1")}/queryActivityruns`,
      {
        orderBy: [{ orderBy: "RunStart", order: "ASC" }],
      },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(
      /^queryActivityRuns: orderBy\[0\]\.orderBy is "RunStart"/,
    );
  });

  it("leaves unknown paths under /factories to the factory routes' 404", async () => {
    const reply = await api.call("GET", "/factories/f/pipelineruns");
    expect(reply.statusCode).toBe(404);
    expect(reply.json().error.code).toBe("NotFound");
  });
});
