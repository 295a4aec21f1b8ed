import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { taskLayout } from "../../src/agent/index.js";
import { parseNodeFlags, runNode } from "../../src/cli/node-command.js";
import { task } from "./agent-support.js";
import { eventually, FixtureServer, fixtureToken } from "./fixture-server.js";

const entry = new URL("./node-cli-entry.ts", import.meta.url).pathname;
const repo = new URL("../..", import.meta.url).pathname;

describe("sluice node", () => {
  let fixture: FixtureServer;
  let root: string;

  beforeEach(async () => {
    fixture = new FixtureServer({ slots: 1 });
    await fixture.start();
    root = await mkdtemp(join(tmpdir(), "sluice-node-cli-"));
  });

  afterEach(async () => {
    await fixture.dispose();
    await rm(root, { recursive: true, force: true });
  });

  it("refuses bad flags with a clear error before doing anything", async () => {
    const env = { env: {}, cwd: root };
    expect(() => parseNodeFlags(["--pool", "p"], env)).toThrow(/--server is missing/);
    expect(() => parseNodeFlags(["--server", "ftp://x", "--pool", "p"], env)).toThrow(
      /--server is 'ftp:\/\/x'; give the server's http\(s\) URL/,
    );
    expect(() => parseNodeFlags(["--server", "http://h"], env)).toThrow(/--pool is missing/);
    expect(() =>
      parseNodeFlags(["--server", "http://h", "--pool", "p", "--slots", "0"], env),
    ).toThrow(/--slots is '0'; give an integer from 1 to 256/);
    const flags = parseNodeFlags(["--pool", "p"], { env: { SLUICE_URL: "http://h:1" }, cwd: root });
    expect(flags).toMatchObject({ serverUrl: "http://h:1", root: join(root, ".sluice/nodes/p") });
    const io = { out: () => undefined, err: () => undefined, readFile: async () => "" };
    await expect(
      runNode(["--server", fixture.url, "--pool", "pool1"], io, Promise.resolve(), env),
    ).rejects.toThrow(/No token: pass --token, set SLUICE_TOKEN, or run where .*token exists/);
    expect(fixture.state.requests).toEqual([]);
  });

  it("runs as a process, prints progress without the token, and on SIGTERM finishes its task", async () => {
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        entry,
        "node",
        "--server",
        fixture.url,
        "--pool",
        "pool1",
        "--root",
        root,
      ],
      { cwd: repo, env: { ...process.env, SLUICE_TOKEN: fixtureToken } },
    );
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    const script = "/bin/sh -c 'while [ ! -f go ]; do sleep 0.02; done'";
    const claim = fixture.addTask(task("t1", script));
    await eventually(() => out.includes("Task job1/t1 started"), "the task started", 60_000);
    expect(out).toMatch(/Registered as node \S+ in pool pool1 with 1 slot/);
    child.kill("SIGTERM");
    await eventually(() => out.includes("Stopping"), "the agent is stopping");
    const queued = fixture.addTask(task("t2", "/bin/true"));
    const wd = taskLayout(root, "task", "job1", "t1").workingDir;
    await writeFile(join(wd, "go"), "");
    expect(await exited).toBe(0);
    expect(fixture.state.completions.get(claim)?.result).toBe("success");
    expect(fixture.state.claims.has(queued)).toBe(false);
    expect(out).toContain("Task job1/t1 ended: success (exit code 0)");
    expect(out).not.toContain(fixtureToken);
  }, 120_000);
});
