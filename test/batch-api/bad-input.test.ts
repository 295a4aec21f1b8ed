import { afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import type { Database } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import { addJob, addPool, json, startBatchApi, type BatchApi } from "./batch-api-kit.js";

interface ErrorBody {
  code: string;
  message: { lang: string; value: string };
  values?: { key: string; value: string }[];
}

describeEachDialect("Batch API bad input", (target) => {
  let database: Database;
  let api: BatchApi;
  beforeAll(async () => {
    database = await target.open();
  });
  beforeEach(async () => {
    api = await startBatchApi(database);
  });
  afterEach(() => api.close());

  const refused = async (
    method: string,
    path: string,
    body: unknown,
    status: number,
    code: string,
    property?: string,
  ): Promise<ErrorBody> => {
    const response = await api.call(method, path, body);
    expect(response.statusCode, response.body).toBe(status);
    const error = json<ErrorBody>(response);
    expect(error.code).toBe(code);
    expect(error.message.lang).toBe("en-US");
    if (property !== undefined) {
      expect(error.values).toContainEqual({ key: "PropertyName", value: property });
    }
    return error;
  };

  const count = async (path: string) =>
    json<{ value: unknown[] }>(await api.call("GET", path)).value.length;

  it("refuses malformed JSON, wrong types and missing fields, storing nothing", async () => {
    await refused("POST", "/pools", '{"id": "p", ', 400, "InvalidRequestBody");
    await refused(
      "POST",
      "/pools",
      { id: "p", vmSize: 5, targetDedicatedNodes: 1 },
      400,
      "InvalidRequestBody",
      "vmSize",
    );
    await refused(
      "POST",
      "/pools",
      { id: "p", targetDedicatedNodes: 1 },
      400,
      "MissingRequiredProperty",
      "vmSize",
    );
    await refused(
      "POST",
      "/pools",
      { id: "p", vmSize: "s", targetDedicatedNodes: "two" },
      400,
      "InvalidRequestBody",
      "targetDedicatedNodes",
    );
    expect(await count("/pools")).toBe(0);
    await addPool(api);
    await refused("POST", "/jobs", { id: "j" }, 400, "MissingRequiredProperty", "poolInfo");
    await refused(
      "POST",
      "/jobs",
      { id: "j", poolInfo: { poolId: "pool" }, priority: 5000 },
      400,
      "InvalidPropertyValue",
      "priority",
    );
    expect(await count("/jobs")).toBe(0);
    await addJob(api, "job");
    await refused(
      "POST",
      "/jobs/job/tasks",
      { id: "t" },
      400,
      "MissingRequiredProperty",
      "commandLine",
    );
    await refused(
      "POST",
      "/jobs/job/tasks",
      { id: "t", commandLine: ["x"] },
      400,
      "InvalidRequestBody",
      "commandLine",
    );
    expect(await count("/jobs/job/tasks")).toBe(0);
  });

  it("refuses ids Batch refuses and duplicate ids in any case", async () => {
    await refused(
      "POST",
      "/pools",
      { id: "bad id!", vmSize: "s", targetDedicatedNodes: 0 },
      400,
      "InvalidPropertyValue",
      "id",
    );
    await refused(
      "POST",
      "/pools",
      { id: "x".repeat(65), vmSize: "s", targetDedicatedNodes: 0 },
      400,
      "InvalidPropertyValue",
      "id",
    );
    await addPool(api, "Pool");
    await refused(
      "POST",
      "/pools",
      { id: "pOOL", vmSize: "s", targetDedicatedNodes: 0 },
      409,
      "PoolExists",
    );
    await addJob(api, "Job", { poolInfo: { poolId: "pool" } });
    await refused("POST", "/jobs", { id: "JOB", poolInfo: { poolId: "pool" } }, 409, "JobExists");
    expect(
      (await api.call("POST", "/jobs/job/tasks", { id: "Task", commandLine: "/bin/true" }))
        .statusCode,
    ).toBe(201);
    await refused(
      "POST",
      "/jobs/JOB/tasks",
      { id: "TASK", commandLine: "/bin/true" },
      409,
      "TaskExists",
    );
    await refused(
      "POST",
      "/jobs/job/tasks",
      { id: "a.b", commandLine: "/bin/true" },
      400,
      "InvalidPropertyValue",
      "id",
    );
    expect(await count("/pools")).toBe(1);
    expect(await count("/jobs")).toBe(1);
    expect(await count("/jobs/job/tasks")).toBe(1);
  });

  it("refuses resource file paths that escape the task directory", async () => {
    await addPool(api);
    await addJob(api, "job");
    for (const filePath of ["../x", "a/../../x", "/etc/passwd", "..\\x", "C:\\x"]) {
      await refused(
        "POST",
        "/jobs/job/tasks",
        { id: "t", commandLine: "/bin/true", resourceFiles: [{ httpUrl: "http://h/f", filePath }] },
        400,
        "InvalidPropertyValue",
        "resourceFiles[0].filePath",
      );
    }
    expect(await count("/jobs/job/tasks")).toBe(0);
  });

  it("gives a result per task in addtaskcollection, adding only the good ones", async () => {
    await addPool(api, "pool", { taskSlotsPerNode: 2 });
    await addJob(api, "job");
    const response = await api.call("POST", "/jobs/job/addtaskcollection", {
      value: [
        { id: "ok", commandLine: "/bin/true" },
        { id: "OK", commandLine: "/bin/true" },
        { id: "big", commandLine: "/bin/true", requiredSlots: 3 },
        { id: "deps", commandLine: "/bin/true", dependsOn: { taskIds: ["ok"] } },
        {
          id: "escape",
          commandLine: "/bin/true",
          resourceFiles: [{ autoStorageContainerName: "c", filePath: "../up" }],
        },
      ],
    });
    expect(response.statusCode).toBe(200);
    const results = json<{ value: { status: string; taskId: string; error?: ErrorBody }[] }>(
      response,
    ).value;
    expect(results.map((result) => [result.taskId, result.status, result.error?.code])).toEqual([
      ["ok", "success", undefined],
      ["OK", "clienterror", "TaskExists"],
      ["big", "clienterror", "InvalidPropertyValue"],
      ["deps", "clienterror", "TaskDependenciesNotSpecifiedOnJob"],
      ["escape", "clienterror", "InvalidPropertyValue"],
    ]);
    expect(await count("/jobs/job/tasks")).toBe(1);
    const tooMany = Array.from({ length: 101 }, (_, index) => ({
      id: `t${index}`,
      commandLine: "x",
    }));
    await refused(
      "POST",
      "/jobs/job/addtaskcollection",
      { value: tooMany },
      413,
      "RequestBodyTooLarge",
    );
    expect(await count("/jobs/job/tasks")).toBe(1);
  });

  it("names what is missing: unknown pools, jobs, tasks and files", async () => {
    await refused("GET", "/pools/nope", undefined, 404, "PoolNotFound");
    await refused("GET", "/jobs/nope", undefined, 404, "JobNotFound");
    await refused("POST", "/jobs/nope/tasks", { id: "t", commandLine: "x" }, 404, "JobNotFound");
    await addPool(api);
    await addJob(api, "job");
    await refused("GET", "/jobs/job/tasks/nope", undefined, 404, "TaskNotFound");
    await api.call("POST", "/jobs/job/tasks", { id: "t", commandLine: "x" });
    await refused("GET", "/jobs/job/tasks/t/files/stdout.txt", undefined, 404, "FileNotFound");
    await refused("GET", "/jobs/job/tasks/t/files/wd/secret", undefined, 404, "FileNotFound");
    await refused(
      "GET",
      "/jobs/job/tasks?$filter=startswith(id,'a')",
      undefined,
      400,
      "InvalidQueryParameterValue",
      "$filter",
    );
    await refused(
      "GET",
      "/jobs/job/tasks?maxresults=0",
      undefined,
      400,
      "InvalidQueryParameterValue",
      "maxresults",
    );
    await refused(
      "GET",
      "/jobs/job/tasks?$skiptoken=garbage",
      undefined,
      400,
      "InvalidQueryParameterValue",
    );
  });

  it("answers a stale If-Match with 412 ConditionNotMet, changing nothing", async () => {
    await addPool(api);
    const created = await api.call("POST", "/jobs", {
      id: "job",
      poolInfo: { poolId: "pool" },
      priority: 1,
    });
    const etag = created.headers.etag as string;
    expect(etag).toMatch(/^0x[0-9A-F]+$/);
    const ok = await api.call("PATCH", "/jobs/job", { priority: 2 }, { "if-match": etag });
    expect(ok.statusCode).toBe(200);
    const stale = await api.call("PATCH", "/jobs/job", { priority: 3 }, { "if-match": etag });
    expect(stale.statusCode).toBe(412);
    expect(json(stale)).toMatchObject({ code: "ConditionNotMet" });
    const deleteStale = await api.call("DELETE", "/jobs/job", undefined, { "if-match": etag });
    expect(deleteStale.statusCode).toBe(412);
    expect(json(await api.call("GET", "/jobs/job"))).toMatchObject({
      priority: 2,
      state: "active",
    });
  });
});
