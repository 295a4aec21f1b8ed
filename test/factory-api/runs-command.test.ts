// `sluice runs` and `sluice run` against a real server on loopback over real stores. Runs are
// written through the stores as the engine writes them; starting and cancelling runs needs
// the engine, so those paths are tested with it.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { BatchIO } from "../../src/cli/commands/index.js";
import { runRun, runRuns } from "../../src/cli/commands/index.js";
import type { PipelineRunRecord } from "../../src/store/index.js";
import { describeEachDialect } from "../support/databases.js";
import { startRunApi, token, type RunApi } from "./run-api-kit.js";

interface Result {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs a command with a fake clock; each sleep runs `between` (the test moving the run on). */
async function cli(
  command: (argv: readonly string[], io: BatchIO) => Promise<number>,
  argv: readonly string[],
  url: string,
  between: (poll: number) => Promise<void> = async () => {},
): Promise<Result> {
  let out = "";
  let err = "";
  let now = 1_700_000_000_000;
  let polls = 0;
  const io: BatchIO = {
    out: (text) => (out += `${text}\n`),
    err: (text) => (err += `${text}\n`),
    write: (text) => (out += text),
    readFile: (path) => readFile(path, "utf8"),
    env: { SLUICE_URL: url, SLUICE_TOKEN: token },
    cwd: "/nonexistent-cwd",
    isTTY: false,
    now: () => now,
    sleep: async (ms) => {
      now += ms;
      await between(++polls);
    },
  };
  const code = await command(argv, io);
  return { code, out, err };
}

describeEachDialect("sluice runs", (target) => {
  let api: RunApi;
  let url: string;
  const runs = new Map<string, PipelineRunRecord>();

  beforeAll(async () => {
    api = await startRunApi(await target.open());
    url = await api.listen();
    const version = await api.putPipeline("default", "Load");
    await api.putPipeline("other", "Load");
    for (const [label, factory, status] of [
      ["ok", "default", "Succeeded"],
      ["bad", "default", "Failed"],
      ["elsewhere", "other", "Succeeded"],
    ] as const) {
      const run = await api.createRun(factory, "Load", {
        pipelineVersion: version,
        parameters: { password: "pw-123", region: "eu" },
      });
      await api.activities.createMany(run.runId, [
        {
          activityName: "Wait1",
          activityType: "Wait",
          status,
          input: { waitTimeInSeconds: 1 },
          activityRunEnd: api.clock.now() + 1000,
          durationInMs: 1000,
          ...(status === "Failed"
            ? {
                error: {
                  errorCode: "Timeout",
                  message: "Wait1 timed out for pw-123",
                  failureType: "UserError",
                  target: "Wait1",
                },
              }
            : {}),
        },
      ]);
      api.clock.advance(60_000);
      runs.set(
        label,
        await api.runs.update(run.runId, {
          status,
          runEnd: api.clock.now(),
          durationInMs: 60_000,
          ...(status === "Failed" ? { message: "Activity failed: Wait1" } : {}),
        }),
      );
    }
  });
  afterAll(() => api.close());

  const id = (label: string) => runs.get(label)!.runId;

  it("lists the default factory's runs newest first, as a table and as JSON", async () => {
    const table = await cli(runRuns, ["list"], url);
    expect(table.code).toBe(0);
    const lines = table.out.trim().split("\n");
    expect(lines[0]).toMatch(/^RUN ID\s+PIPELINE\s+STATUS\s+START\s+DURATION\s+INVOKED BY$/);
    expect(lines.slice(1).map((line) => line.split(/\s+/)[0])).toEqual([id("bad"), id("ok")]);
    expect(lines[1]).toMatch(/Failed\s+2026-01-01 10:01:00\s+1m 00s\s+Manual/);
    const json = await cli(runRuns, ["list", "--json", "--factory", "other"], url);
    const listed = JSON.parse(json.out);
    expect(listed.map((run: { runId: string }) => run.runId)).toEqual([id("elsewhere")]);
    expect(listed[0].parameters).toEqual({ password: "**********", region: "eu" });
  });

  it("filters by pipeline and status and limits, saying when more exist", async () => {
    const failed = await cli(
      runRuns,
      ["list", "--status", "failed", "--pipeline", "load", "--json"],
      url,
    );
    expect(JSON.parse(failed.out).map((run: { runId: string }) => run.runId)).toEqual([id("bad")]);
    const none = await cli(runRuns, ["list", "--pipeline", "Copy"], url);
    expect(none.out.trim()).toBe("No pipeline runs.");
    const limited = await cli(runRuns, ["list", "--limit", "1", "--json"], url);
    expect(JSON.parse(limited.out)).toHaveLength(1);
    expect(limited.err).toMatch(/Showing the newest 1 runs; --limit N shows more\./);
    const wrong = await cli(runRuns, ["list", "--status", "Done"], url);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/--status must be one of Queued, InProgress, Succeeded, Failed/);
  });

  it("shows a run and its activities, secrets masked, as text and JSON", async () => {
    const shown = await cli(runRuns, ["show", id("bad")], url);
    expect(shown.code).toBe(0);
    expect(shown.out).toMatch(/^runId\s+/);
    expect(shown.out).toMatch(/parameters\.password\s+\*{10}\n/);
    expect(shown.out).toMatch(/message\s+Activity failed: Wait1/);
    expect(shown.out).toMatch(
      /Wait1\s+Wait\s+Failed\s+2026-01-01 10:01:00\s+1\.0s\s+-\s+Timeout: Wait1 timed out for \*{10}/,
    );
    expect(shown.out).not.toContain("pw-123");
    const json = JSON.parse((await cli(runRuns, ["show", id("ok"), "--json"], url)).out);
    expect(json.runId).toBe(id("ok"));
    expect(json.activityRuns).toHaveLength(1);
    expect(json.activityRuns[0]).toMatchObject({ activityName: "Wait1", status: "Succeeded" });
  });

  it("reports a run the factory does not have with the server's code", async () => {
    const missing = await cli(runRuns, ["show", id("elsewhere")], url);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(
      /^error ResourceNotFound: The pipeline run ".+" was not found in the factory "default"\./,
    );
  });

  it("waits for a finished run: its activities, its outcome, exit 0 or 1", async () => {
    const ok = await cli(runRuns, ["wait", id("ok")], url);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/\[00:00\] Wait1 \(Wait\): Succeeded in 1\.0s\n/);
    expect(ok.out).toMatch(/Run .+ \(Load\) Succeeded in 1m 00s\n$/);
    const bad = await cli(runRuns, ["wait", id("bad"), "--json"], url);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out).status).toBe("Failed");
    expect(bad.err).toMatch(/Wait1 \(Wait\): Failed: Timeout: Wait1 timed out for \*{10}/);
  });

  it("follows a run live: a line per activity status change, until it ends", async () => {
    const run = await api.createRun("default", "Load", { status: "InProgress" });
    const [first] = await api.activities.createMany(run.runId, [
      { activityName: "Wait1", activityType: "Wait", status: "InProgress" },
    ]);
    const steps = [
      async () => {
        api.clock.advance(2000);
        await api.activities.update(first!.activityRunId, {
          status: "Succeeded",
          activityRunEnd: api.clock.now(),
          durationInMs: 2000,
        });
        await api.activities.createMany(run.runId, [
          { activityName: "Wait2", activityType: "Wait", status: "InProgress" },
        ]);
      },
      async () => {},
      async () => {
        api.clock.advance(3000);
        await api.runs.update(run.runId, {
          status: "Cancelled",
          runEnd: api.clock.now(),
          durationInMs: 5000,
        });
      },
    ];
    const result = await cli(
      runRuns,
      ["wait", run.runId, "--interval", "2s"],
      url,
      async (poll) => {
        await steps[poll - 1]?.();
      },
    );
    expect(result.code).toBe(1);
    const lines = result.out
      .trim()
      .split("\n")
      .map((line) => line.replace(/^\[\d\d:\d\d\] /, ""));
    expect(lines.filter((line) => !line.startsWith("run "))).toEqual([
      "Wait1 (Wait): InProgress",
      "Wait1 (Wait): Succeeded in 2.0s",
      "Wait2 (Wait): InProgress",
      `Run ${run.runId} (Load) Cancelled in 5.0s`,
    ]);
  });

  it("gives up waiting at --timeout with exit code 124", async () => {
    const run = await api.createRun("default", "Load", { status: "InProgress" });
    const result = await cli(runRuns, ["wait", run.runId, "--timeout", "3s"], url);
    expect(result.code).toBe(124);
    expect(result.err).toMatch(/error Timeout: run .+ is still InProgress after 00:03\./);
  });

  it("refuses bad usage before calling the server", async () => {
    const both = await cli(
      runRuns,
      ["rerun", id("bad"), "--from-failure", "--from-activity", "X"],
      url,
    );
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/--from-failure or --from-activity NAME, not both/);
    const noPipeline = await cli(runRun, [], url);
    expect(noPipeline.code).toBe(2);
    expect(noPipeline.err).toMatch(/sluice run takes PIPELINE, but 0 arguments were given/);
    const badParam = await cli(runRun, ["Load", "--param", "oops"], url);
    expect(badParam.code).toBe(2);
    expect(badParam.err).toMatch(/--param must be NAME=VALUE, but it is 'oops'/);
  });

  it("reports an unknown pipeline before starting anything", async () => {
    const result = await cli(runRun, ["Nope", "--factory", "default"], url);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^error ResourceNotFound: /);
  });
});
