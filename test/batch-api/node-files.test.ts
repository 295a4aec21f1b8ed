import { afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { agentPaths, type RegisterNodeResponse } from "../../src/api/index.js";
import type { Database } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import { TestAgent, ok } from "./agent-kit.js";
import { addJob, addPool, addTasks, json, startBatchApi, type BatchApi } from "./batch-api-kit.js";

interface FileEntry {
  name: string;
  url: string;
  isDirectory: boolean;
  properties: { contentLength: number; creationTime: string; lastModified: string };
}
interface FileList {
  value: FileEntry[];
  "odata.nextLink"?: string;
}
interface ErrorBody {
  code: string;
  values: { key: string; value: string }[];
}

describeEachDialect("Batch node files", (target) => {
  let database: Database;
  let api: BatchApi;
  beforeAll(async () => {
    database = await target.open();
  });
  beforeEach(async () => {
    api = await startBatchApi(database);
  });
  afterEach(() => api.close());

  /**
   * Node A ran its start task (stdout sent), task t1 (completed) and t2 (running); node B runs
   * t3. Every task sent a stdout.txt; t1 also a stderr.txt.
   */
  async function twoNodes(): Promise<{ a: TestAgent; b: TestAgent }> {
    await addPool(api, "pool", {
      targetDedicatedNodes: 2,
      taskSchedulingPolicy: { nodeFillType: "pack" },
      startTask: { commandLine: "/bin/setup", waitForSuccess: false },
    });
    const registered = await api.call("POST", agentPaths.register("pool"), {
      hostname: "a",
      agentVersion: "0.1.0",
    });
    const registration = json<RegisterNodeResponse>(registered);
    const a = new TestAgent(api, registration.nodeId);
    await a.append(registration.startTask!.claimToken, "stdout.txt", 0, "setting up\n");
    await addJob(api, "job");
    await addTasks(api, "job", [
      { id: "t1", commandLine: "/bin/true" },
      { id: "t2", commandLine: "/bin/sleep 100" },
      { id: "t3", commandLine: "/bin/sleep 100" },
    ]);
    const [t1] = await a.claim();
    await a.append(t1!.claimToken, "stdout.txt", 0, "one\n");
    await a.append(t1!.claimToken, "stderr.txt", 0, "warn\n");
    expect((await a.complete(t1!.claimToken, ok)).statusCode).toBe(204);
    const [t2] = await a.claim();
    await a.append(t2!.claimToken, "stdout.txt", 0, "two\n");
    const b = await TestAgent.register(api);
    const [t3] = await b.claim();
    expect(t3?.taskId).toBe("t3");
    await b.append(t3!.claimToken, "stdout.txt", 0, "three\n");
    return { a, b };
  }

  const list = async (nodeId: string, query = "") => {
    const response = await api.call("GET", `/pools/pool/nodes/${nodeId}/files${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return json<FileList>(response);
  };

  it("lists the start task's and the node's tasks' files in Batch's node layout", async () => {
    const { a, b } = await twoNodes();
    const root = await list(a.nodeId);
    expect(root.value.map((file) => [file.name, file.isDirectory])).toEqual([
      ["startup", true],
      ["workitems", true],
    ]);
    const all = await list(a.nodeId, "?recursive=true");
    expect(all.value.filter((file) => !file.isDirectory).map((file) => file.name)).toEqual([
      "startup/stdout.txt",
      "workitems/job/job-1/t1/stderr.txt",
      "workitems/job/job-1/t1/stdout.txt",
      "workitems/job/job-1/t2/stdout.txt",
    ]);
    expect(all.value.filter((file) => file.isDirectory).map((file) => file.name)).toEqual([
      "startup",
      "workitems",
      "workitems/job",
      "workitems/job/job-1",
      "workitems/job/job-1/t1",
      "workitems/job/job-1/t2",
    ]);
    const stdout = all.value.find((file) => file.name === "workitems/job/job-1/t1/stdout.txt");
    expect(stdout).toMatchObject({
      isDirectory: false,
      properties: { contentLength: 4 },
    });
    expect(stdout!.url).toMatch(
      new RegExp(`/pools/pool/nodes/${a.nodeId}/files/workitems/job/job-1/t1/stdout.txt$`),
    );
    const other = await list(b.nodeId, "?recursive=true");
    expect(other.value.filter((file) => !file.isDirectory).map((file) => file.name)).toEqual([
      "workitems/job/job-1/t3/stdout.txt",
    ]);
  });

  it("filters by name prefix and pages with odata.nextLink", async () => {
    const { a } = await twoNodes();
    const filter = encodeURIComponent("startswith(name,'workitems/job/job-1/t1/')");
    const t1 = await list(a.nodeId, `?recursive=true&$filter=${filter}`);
    expect(t1.value.map((file) => file.name)).toEqual([
      "workitems/job/job-1/t1/stderr.txt",
      "workitems/job/job-1/t1/stdout.txt",
    ]);
    const names: string[] = [];
    let page = await list(a.nodeId, "?recursive=true&maxresults=3");
    names.push(...page.value.map((file) => file.name));
    while (page["odata.nextLink"] !== undefined) {
      const next = new URL(page["odata.nextLink"]);
      expect(next.searchParams.get("maxresults")).toBe("3");
      page = await list(a.nodeId, next.search);
      names.push(...page.value.map((file) => file.name));
    }
    expect(names).toHaveLength(10);
    expect(new Set(names).size).toBe(10);
  });

  it("reads files with byte ranges and gives their properties with HEAD", async () => {
    const { a } = await twoNodes();
    const base = `/pools/pool/nodes/${a.nodeId}/files`;
    const whole = await api.call("GET", `${base}/startup/stdout.txt`);
    expect(whole.statusCode).toBe(200);
    expect(whole.body).toBe("setting up\n");
    expect(whole.headers["ocp-batch-file-isdirectory"]).toBe("false");
    expect(whole.headers["ocp-batch-file-url"]).toMatch(/\/files\/startup\/stdout\.txt$/);
    expect(whole.headers["ocp-creation-time"]).toMatch(/GMT$/);
    const ranged = await api.call("GET", `${base}/startup/stdout.txt`, undefined, {
      "ocp-range": "bytes=0-6",
    });
    expect(ranged.statusCode).toBe(200);
    expect(ranged.body).toBe("setting");
    expect(ranged.headers["content-range"]).toBe("bytes 0-6/11");
    const tail = await api.call("GET", `${base}/workitems/job/job-1/t2/stdout.txt`, undefined, {
      range: "bytes=-2",
    });
    expect(tail.statusCode).toBe(206);
    expect(tail.body).toBe("o\n");

    const head = await api.call("HEAD", `${base}/workitems/job/job-1/t1/stderr.txt`);
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe("");
    expect(head.headers["content-length"]).toBe("5");
    expect(head.headers["ocp-batch-file-isdirectory"]).toBe("false");
    expect(head.headers["last-modified"]).toMatch(/GMT$/);
    const directory = await api.call("HEAD", `${base}/workitems/job`);
    expect(directory.statusCode).toBe(200);
    expect(directory.headers["ocp-batch-file-isdirectory"]).toBe("true");
  });

  it("refuses bad queries and unknown files with Batch's errors, naming what is wrong", async () => {
    const { a } = await twoNodes();
    const refused = async (path: string, status: number, code: string, property: string) => {
      const response = await api.call("GET", path);
      expect(response.statusCode, response.body).toBe(status);
      const body = json<ErrorBody>(response);
      expect(body.code).toBe(code);
      expect(body.values).toContainEqual({ key: "PropertyName", value: property });
    };
    const base = `/pools/pool/nodes/${a.nodeId}/files`;
    // t3 ran on the other node; its files are not this node's.
    await refused(`${base}/workitems/job/job-1/t3/stdout.txt`, 404, "FileNotFound", "filePath");
    await refused(`${base}/workitems/job/job-1/t1/wd/out.csv`, 404, "FileNotFound", "filePath");
    await refused(`${base}/shared`, 404, "FileNotFound", "filePath");
    await refused(`${base}?recursive=yes`, 400, "InvalidQueryParameterValue", "recursive");
    await refused(
      `${base}?$filter=${encodeURIComponent("name eq 'x'")}`,
      400,
      "InvalidQueryParameterValue",
      "$filter",
    );
    await refused(`${base}?$skiptoken=nope`, 400, "InvalidQueryParameterValue", "$skiptoken");
    const unknownNode = await api.call("GET", "/pools/pool/nodes/nope/files");
    expect(unknownNode.statusCode).toBe(404);
    expect(json<ErrorBody>(unknownNode).code).toBe("NodeNotFound");
    const unknownPool = await api.call("GET", `/pools/nope/nodes/${a.nodeId}/files`);
    expect(json<ErrorBody>(unknownPool).code).toBe("PoolNotFound");
  });
});
