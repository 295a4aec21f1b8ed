import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runTask } from "../../src/cli/commands/index.js";
import { runCli } from "./cli-harness.js";
import {
  FixtureServer,
  batchError,
  type FixtureReply,
  type RecordedRequest,
} from "./fixture-server.js";

let server: FixtureServer;

beforeAll(async () => {
  server = await FixtureServer.start();
});
afterAll(() => server.close());
beforeEach(() => server.requests.splice(0));

/**
 * Serves `bytes` honouring `ocp-range: bytes=N-` as Batch does: 200 with a Content-Range,
 * and an empty body for a range starting at the end.
 */
function ranged(request: RecordedRequest, bytes: Uint8Array): FixtureReply {
  const start = Number(/bytes=(\d+)-/.exec(String(request.headers["ocp-range"] ?? ""))?.[1] ?? 0);
  const range = start >= bytes.length ? "*" : `${start}-${bytes.length - 1}`;
  return {
    text: bytes.subarray(Math.min(start, bytes.length)),
    headers: { "content-range": `bytes ${range}/${bytes.length}` },
  };
}

describe("sluice task logs", () => {
  it("prints stdout.txt, or stderr.txt with --stderr, as is", async () => {
    server.on("GET", "/jobs/j1/tasks/t1/files/stdout.txt", { text: "line 1\nline 2 no newline" });
    server.on("GET", "/jobs/j1/tasks/t1/files/stderr.txt", { text: "oops\n" });
    expect(await runCli(runTask, ["logs", "j1", "t1"], server)).toEqual({
      code: 0,
      out: "line 1\nline 2 no newline",
      err: "",
    });
    expect((await runCli(runTask, ["logs", "j1", "t1", "--stderr"], server)).out).toBe("oops\n");
    expect(server.requests[0]?.headers["ocp-range"]).toBeUndefined();
  });

  it("--follow tails with byte ranges until the task completes, across split characters", async () => {
    const text = "starting\nprogress: 50%\nrésumé done\nlast words\n";
    const bytes = new TextEncoder().encode(text);
    // How much of the file exists grows with each task poll; 'é' (2 bytes) is cut in half once.
    const cut = bytes.indexOf(0xa9); // second byte of the first 'é'
    const sizes = [0, 9, cut, bytes.length - 11, bytes.length];
    let polls = 0;
    server.on("GET", "/jobs/j1/tasks/t1", () => {
      polls += 1;
      return { json: { id: "t1", commandLine: "x", state: polls >= 4 ? "completed" : "running" } };
    });
    server.on("GET", "/jobs/j1/tasks/t1/files/stdout.txt", (request) => {
      const size = sizes[Math.min(polls, sizes.length - 1)]!;
      if (size === 0) return batchError(404, "FileNotFound", "stdout.txt does not exist yet.");
      return ranged(request, bytes.subarray(0, size));
    });
    const result = await runCli(
      runTask,
      ["logs", "j1", "t1", "--follow", "--interval", "1s"],
      server,
    );
    expect(result).toEqual({ code: 0, out: text, err: "" });
    const ranges = server
      .calls("GET", "/jobs/j1/tasks/t1/files/stdout.txt")
      .map((r) => r.headers["ocp-range"]);
    expect(ranges).toEqual([
      "bytes=0-", // 404: not written yet
      "bytes=0-",
      "bytes=9-", // nothing new yet
      `bytes=9-`,
      `bytes=${cut}-`,
      `bytes=${cut}-`,
      `bytes=${bytes.length - 11}-`,
      `bytes=${bytes.length - 11}-`, // task completed: one more read gets the tail
      `bytes=${bytes.length}-`,
    ]);
    expect(polls).toBe(4);
  });

  it("--follow stops with Batch's error when the task does not exist", async () => {
    server.on(
      "GET",
      "/jobs/j1/tasks/none/files/stdout.txt",
      batchError(404, "TaskNotFound", "No such task."),
    );
    server.on("GET", "/jobs/j1/tasks/none", batchError(404, "TaskNotFound", "No such task."));
    const result = await runCli(runTask, ["logs", "j1", "none", "-f"], server);
    expect(result).toEqual({ code: 1, out: "", err: "error TaskNotFound: No such task.\n" });
  });
});
