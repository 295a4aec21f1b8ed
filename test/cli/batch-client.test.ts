import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApiError, BatchClient, chunkTasks } from "../../src/client/index.js";
import { FixtureServer, batchError } from "./fixture-server.js";

let server: FixtureServer;
let client: BatchClient;

beforeAll(async () => {
  server = await FixtureServer.start();
  client = new BatchClient({ url: server.url, token: "secret" });
});
afterAll(() => server.close());
beforeEach(() => server.requests.splice(0));

const task = (id: string) => ({ id, commandLine: `/bin/echo ${id}` });

describe("BatchClient", () => {
  it("follows odata.nextLink, using only its path and query", async () => {
    server.on("GET", "/jobs/j%201/tasks", (request) =>
      request.query.$skiptoken === "2"
        ? { json: { value: [{ id: "c" }] } }
        : {
            json: {
              value: [{ id: "a" }, { id: "b" }],
              // A host the client cannot reach: the server may not know its public name.
              "odata.nextLink":
                "https://elsewhere.example/jobs/j%201/tasks?$skiptoken=2&maxresults=2",
            },
          },
    );
    const tasks = await client.listAllTasks("j 1", {
      filter: "state eq 'completed'",
      maxResults: 2,
    });
    expect(tasks.map((t) => t.id)).toEqual(["a", "b", "c"]);
    const [first, second] = server.requests;
    expect(first?.query).toEqual({ $filter: "state eq 'completed'", maxresults: "2" });
    expect(first?.headers.authorization).toBe("Bearer secret");
    expect(second?.rawQuery).toBe("$skiptoken=2&maxresults=2");
  });

  it("adds 250 tasks in 3 addtaskcollection calls of at most 100, in order", async () => {
    server.on("POST", "/jobs/j1/addtaskcollection", (request) => ({
      json: {
        value: (request.body as { value: { id: string }[] }).value.map((t) => ({
          status: "success",
          taskId: t.id,
        })),
      },
    }));
    const progress: number[] = [];
    const tasks = Array.from({ length: 250 }, (_, i) => task(`t${i}`));
    const results = await client.addTasks("j1", tasks, { onChunk: (done) => progress.push(done) });
    const bodies = server.requests.map((r) => (r.body as { value: { id: string }[] }).value);
    expect(bodies.map((b) => b.length)).toEqual([100, 100, 50]);
    expect(bodies.flat().map((t) => t.id)).toEqual(tasks.map((t) => t.id));
    expect(results).toHaveLength(250);
    expect(progress).toEqual([100, 200, 250]);
  });

  it("keeps each collection body under 1 MB", () => {
    const big = Array.from({ length: 30 }, (_, i) => ({
      id: `t${i}`,
      commandLine: "x".repeat(100_000),
    }));
    const chunks = chunkTasks(big);
    expect(chunks.map((c) => c.length)).toEqual([9, 9, 9, 3]);
    for (const chunk of chunks)
      expect(JSON.stringify({ value: chunk }).length).toBeLessThan(1_000_000);
  });

  it("reads a task file by byte range, and past the end as empty", async () => {
    const file = "0123456789";
    server.on("GET", "/jobs/j1/tasks/t1/files/stdout.txt", (request) => {
      const match = /bytes=(\d+)-(\d*)/.exec(String(request.headers["ocp-range"] ?? ""));
      if (!match) return { text: file };
      const start = Number(match[1]);
      if (start >= file.length) return { status: 416 };
      const end = match[2] ? Number(match[2]) : file.length - 1;
      return {
        status: 206,
        text: file.slice(start, end + 1),
        headers: { "content-range": `bytes ${start}-${end}/${file.length}` },
      };
    });
    const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
    expect(decode((await client.readTaskFile("j1", "t1", "stdout.txt")).content)).toBe(file);
    const part = await client.readTaskFile("j1", "t1", "stdout.txt", { start: 2, end: 4 });
    expect([decode(part.content), part.totalLength]).toEqual(["234", 10]);
    expect(server.requests[1]?.headers.range).toBe("bytes=2-4");
    expect(
      (await client.readTaskFile("j1", "t1", "stdout.txt", { start: 10 })).content,
    ).toHaveLength(0);
  });

  it("takes a 200 with Content-Range as the range, as Batch answers ocp-range", async () => {
    server.on("GET", "/jobs/j1/tasks/t2/files/stdout.txt", {
      text: "cd",
      headers: { "content-range": "bytes 2-3/6" },
    });
    const part = await client.readTaskFile("j1", "t2", "stdout.txt", { start: 2, end: 3 });
    expect([new TextDecoder().decode(part.content), part.totalLength]).toEqual(["cd", 6]);
  });

  it("cuts the range itself when the server sends the whole file", async () => {
    server.on("GET", "/jobs/j1/tasks/t1/files/wd/out%20put.txt", { text: "abcdef" });
    const part = await client.readTaskFile("j1", "t1", "wd/out put.txt", { start: 4 });
    expect(new TextDecoder().decode(part.content)).toBe("ef");
  });

  it("turns Batch error bodies into ApiErrors, for JSON calls and file reads", async () => {
    server.on(
      "GET",
      "/pools/nope",
      batchError(404, "PoolNotFound", "The specified pool does not exist."),
    );
    server.on(
      "GET",
      "/jobs/j1/tasks/t9/files/stdout.txt",
      batchError(404, "TaskNotFound", "No task t9."),
    );
    await expect(client.getPool("nope")).rejects.toMatchObject({
      status: 404,
      batchCode: "PoolNotFound",
      message: "The specified pool does not exist.",
    });
    const error = await client.readTaskFile("j1", "t9", "stdout.txt").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, batchCode: "TaskNotFound" });
  });

  it("sends Batch's paths, methods and bodies", async () => {
    server.on("POST", "/jobs/j1/disable", { status: 202 });
    server.on("POST", "/jobs/j1/terminate", { status: 202 });
    server.on("POST", "/pools/p1/removenodes", { status: 202 });
    server.on("PUT", "/jobs/j1/tasks/t1", { status: 200 });
    await client.disableJob("j1", "wait");
    await client.terminateJob("j1");
    await client.removeNodes("p1", { nodeList: ["n1"], nodeDeallocationOption: "terminate" });
    await client.updateTask("j1", "t1", { constraints: { maxTaskRetryCount: 2 } });
    expect(server.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ["POST", "/jobs/j1/disable", { disableTasks: "wait" }],
      ["POST", "/jobs/j1/terminate", {}],
      ["POST", "/pools/p1/removenodes", { nodeList: ["n1"], nodeDeallocationOption: "terminate" }],
      ["PUT", "/jobs/j1/tasks/t1", { constraints: { maxTaskRetryCount: 2 } }],
    ]);
  });
});
