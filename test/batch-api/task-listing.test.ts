import { afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import type { CloudTask, StorageListResponse } from "../../src/api/index.js";
import type { Database } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import { TestAgent, exitWith } from "./agent-kit.js";
import { addJob, addPool, addTasks, json, startBatchApi, type BatchApi } from "./batch-api-kit.js";

interface TaskList {
  "odata.metadata": string;
  value: CloudTask[];
  "odata.nextLink"?: string;
}

describeEachDialect("Batch task listing and files", (target) => {
  let database: Database;
  let api: BatchApi;
  beforeAll(async () => {
    database = await target.open();
  });
  beforeEach(async () => {
    api = await startBatchApi(database);
    await addPool(api);
    await addJob(api, "job");
  });
  afterEach(() => api.close());

  it("pages 250 tasks by maxresults=100 through odata.nextLink", async () => {
    const ids = Array.from({ length: 250 }, (_, index) => `task-${String(index).padStart(3, "0")}`);
    await addTasks(
      api,
      "job",
      ids.map((id) => ({ id, commandLine: "/bin/true" })),
    );
    const seen: string[] = [];
    const sizes: number[] = [];
    let next: string | undefined = "/jobs/job/tasks?api-version=2022-10-01.16.0&maxresults=100";
    while (next !== undefined) {
      const response = await api.call("GET", next);
      expect(response.statusCode, response.body).toBe(200);
      const page = json<TaskList>(response);
      expect(page["odata.metadata"]).toMatch(/\$metadata#tasks$/);
      sizes.push(page.value.length);
      seen.push(...page.value.map((task) => task.id));
      const link = page["odata.nextLink"];
      next = link === undefined ? undefined : new URL(link).pathname + new URL(link).search;
    }
    expect(sizes).toEqual([100, 100, 50]);
    expect(seen).toEqual(ids);
  });

  it("filters by state with $filter", async () => {
    await addTasks(
      api,
      "job",
      ["a", "b", "c"].map((id) => ({ id, commandLine: "/bin/true" })),
    );
    const agent = await TestAgent.register(api);
    await agent.runOne(exitWith(0));
    await agent.claim();
    const byState = async (state: string) =>
      json<TaskList>(
        await api.call(
          "GET",
          `/jobs/job/tasks?$filter=${encodeURIComponent(`state eq '${state}'`)}`,
        ),
      ).value.map((task) => task.id);
    expect(await byState("completed")).toEqual(["a"]);
    expect(await byState("running")).toEqual(["b"]);
    expect(await byState("active")).toEqual(["c"]);
    expect(
      json<TaskList>(
        await api.call("GET", `/jobs/job/tasks?$filter=${encodeURIComponent("State EQ 'Active'")}`),
      ).value,
    ).toHaveLength(1);
  });

  it("lists task files and serves byte ranges, so a running task can be tailed", async () => {
    await addTasks(api, "job", [{ id: "t", commandLine: "/bin/echo" }]);
    const agent = await TestAgent.register(api);
    const [task] = await agent.claim();
    await agent.append(task!.claimToken, "stdout.txt", 0, "0123456789");
    const files = json<{
      value: { name: string; isDirectory: boolean; properties: { contentLength: number } }[];
    }>(await api.call("GET", "/jobs/job/tasks/t/files")).value;
    expect(files).toMatchObject([
      { name: "stdout.txt", isDirectory: false, properties: { contentLength: 10 } },
    ]);

    const batchRange = await api.call("GET", "/jobs/job/tasks/t/files/stdout.txt", undefined, {
      "ocp-range": "bytes=2-4",
    });
    expect(batchRange.statusCode).toBe(200);
    expect(batchRange.body).toBe("234");
    const httpRange = await api.call("GET", "/jobs/job/tasks/t/files/stdout.txt", undefined, {
      range: "bytes=7-",
    });
    expect(httpRange.statusCode).toBe(206);
    expect(httpRange.headers["content-range"]).toBe("bytes 7-9/10");
    expect(httpRange.body).toBe("789");
    const suffix = await api.call("GET", "/jobs/job/tasks/t/files/stdout.txt", undefined, {
      range: "bytes=-3",
    });
    expect(suffix.body).toBe("789");

    await agent.append(task!.claimToken, "stdout.txt", 10, "abc");
    const tail = await api.call("GET", "/jobs/job/tasks/t/files/stdout.txt", undefined, {
      "ocp-range": "bytes=10-",
    });
    expect(tail.body).toBe("abc");
    const nothingNew = await api.call("GET", "/jobs/job/tasks/t/files/stdout.txt", undefined, {
      "ocp-range": "bytes=13-",
    });
    expect([nothingNew.statusCode, nothingNew.body]).toEqual([200, ""]);
    const past = await api.call("GET", "/jobs/job/tasks/t/files/stdout.txt", undefined, {
      range: "bytes=13-",
    });
    expect(past.statusCode).toBe(416);
    const bad = await api.call("GET", "/jobs/job/tasks/t/files/stdout.txt", undefined, {
      range: "bytes=5-2",
    });
    expect(json(bad)).toMatchObject({ code: "InvalidHeaderValue" });
  });

  it("reads and writes the embedded storage over /sluice/storage", async () => {
    const put = await api.app.inject({
      method: "PUT",
      url: "/sluice/storage/inputs/in/a.json",
      headers: { authorization: "Bearer test-token", "content-type": "application/json" },
      payload: '{"not": "parsed"}',
    });
    expect(put.statusCode).toBe(201);
    const read = await api.call("GET", "/sluice/storage/inputs/in/a.json", undefined, {
      range: "bytes=1-6",
    });
    expect([read.statusCode, read.body]).toEqual([206, '"not":']);
    const list = json<StorageListResponse>(
      await api.call("GET", "/sluice/storage/inputs/?list&prefix=in/"),
    );
    expect(list.files).toMatchObject([{ path: "in/a.json", size: 17 }]);
    // Dot segments never reach a route; encoded slashes do, and storage refuses them.
    expect((await api.call("GET", "/sluice/storage/inputs/../x")).statusCode).toBe(404);
    const escape = await api.call("GET", "/sluice/storage/inputs/a/..%2F..%2Fx");
    expect([escape.statusCode, json(escape).code]).toEqual([400, "InvalidInput"]);
    expect((await api.call("DELETE", "/sluice/storage/inputs/in/a.json")).statusCode).toBe(202);
    expect((await api.call("GET", "/sluice/storage/inputs/in/a.json")).statusCode).toBe(404);
  });
});
