import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FixtureServer } from "./fixture-server.js";

const root = new URL("../..", import.meta.url).pathname;
let server: FixtureServer;

beforeAll(async () => {
  server = await FixtureServer.start();
});
afterAll(() => server.close());

function run(env: Record<string, string>, ...argv: string[]) {
  return promisify(execFile)(
    process.execPath,
    ["--import", "tsx", join(root, "test/cli/run-as-process.ts"), ...argv],
    { cwd: root, env: { ...process.env, ...env } },
  ).catch((error: { code: number; stdout: string; stderr: string }) => error);
}

describe("the Batch commands in a real process", () => {
  it("use SLUICE_URL, SLUICE_TOKEN, real timers and plain progress lines on a pipe", async () => {
    let polls = 0;
    server.on("GET", "/jobs/j1/taskcounts", () => {
      polls += 1;
      const done = polls >= 3;
      const counts = {
        active: done ? 0 : 1,
        running: 0,
        completed: done ? 1 : 0,
        succeeded: 0,
        failed: done ? 1 : 0,
      };
      return { json: { taskCounts: counts, taskSlotCounts: counts } };
    });
    const env = { SLUICE_URL: server.url, SLUICE_TOKEN: "proc-token" };
    const result = await run(env, "job", "wait", "j1", "--interval", "20ms");
    expect(result).toMatchObject({ code: 1 });
    expect(result.stdout).toMatch(
      /^\[00:00\] job j1: 0\/1 completed, 0 running, 1 active\n\[00:00\] job j1: 1\/1 completed \(1 failed\)/,
    );
    expect(result.stdout).not.toContain("\r");
    expect(server.requests.at(-1)?.headers.authorization).toBe("Bearer proc-token");
  }, 30_000);
});
