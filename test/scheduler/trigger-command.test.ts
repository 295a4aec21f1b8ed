// `sluice trigger ...` against a real server on loopback over real stores (both dialects):
// list, show, start, stop, runs, next, backfill, windows, rerun-window and cancel-window,
// with --json.
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runTrigger, type BatchIO } from "../../src/cli/commands/index.js";
import { describeEachDialect } from "../support/databases.js";
import {
  scheduleTrigger,
  startTriggerApi,
  token,
  slowPipeline,
  tumblingTrigger,
  whenPipeline,
  type TriggerApi,
} from "./trigger-api-kit.js";

describeEachDialect("sluice trigger", (target) => {
  let api: TriggerApi;
  let url: string;
  let factory: string;

  async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = "";
    let err = "";
    const io: BatchIO = {
      out: (text) => (out += `${text}\n`),
      err: (text) => (err += `${text}\n`),
      readFile: (path) => readFile(path, "utf8"),
      env: { SLUICE_URL: url, SLUICE_TOKEN: token },
      cwd: "/nonexistent-cwd",
    };
    const code = await runTrigger([...argv, "--factory", factory], io);
    return { code, out, err };
  }

  beforeAll(async () => {
    api = await startTriggerApi(await target.open(), Date.parse("2024-01-01T03:30:00Z"));
    url = await api.listen();
    factory = `f-${randomUUID().slice(0, 8)}`;
    await api.factories.deploy(
      { pipelines: [whenPipeline], triggers: [scheduleTrigger("Hourly"), tumblingTrigger("Win")] },
      { factory },
    );
  });
  afterAll(() => api.close());

  it("lists, starts, shows and stops triggers", async () => {
    const list = await cli("list");
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/TRIGGER\s+TYPE\s+STATE/);
    expect(list.out).toMatch(/Hourly\s+ScheduleTrigger\s+Stopped/);
    expect((await cli("start", "Hourly")).out).toBe("Hourly: Started.\n");
    const shown = await cli("show", "Hourly", "--json");
    expect(JSON.parse(shown.out)).toMatchObject({
      name: "Hourly",
      properties: { runtimeState: "Started" },
    });
    expect((await cli("show", "Hourly")).out).toMatch(/runtimeState\s+Started/);
    const json = JSON.parse((await cli("list", "--json")).out) as {
      name: string;
      properties: { runtimeState: string };
    }[];
    expect(json.map((t) => [t.name, t.properties.runtimeState])).toEqual([
      ["Hourly", "Started"],
      ["Win", "Stopped"],
    ]);
    expect((await cli("stop", "Hourly", "--json")).out).toBe(
      '{"name":"Hourly","runtimeState":"Stopped"}\n',
    );
    const missing = await cli("start", "Nope");
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^error ResourceNotFound: .*Nope/);
  });

  it("prints next fire times, backfills once and lists trigger runs", async () => {
    expect((await cli("next", "Hourly", "--count", "2")).out).toBe(
      "2024-01-01T04:00:00.000Z\n2024-01-01T05:00:00.000Z\n",
    );
    const backfill = await cli(
      "backfill",
      "Hourly",
      "--from",
      "2024-01-01T00:00:00Z",
      "--to",
      "2024-01-01T02:00:00Z",
    );
    expect(backfill.code).toBe(0);
    expect(backfill.out).toMatch(/^Fired Hourly 2 times/);
    const runs = JSON.parse((await cli("runs", "Hourly", "--json")).out) as {
      status: string;
      properties: { scheduledTime: string };
    }[];
    expect(runs.map((r) => r.properties.scheduledTime).sort()).toEqual([
      "2024-01-01T00:00:00.000Z",
      "2024-01-01T01:00:00.000Z",
    ]);
    expect((await cli("runs")).out).toMatch(/Hourly\s+Succeeded\s+\S+ \S+\s+2024-01-01 01:00:00/);
    expect((await cli("runs", "--status", "failed")).out).toBe("No trigger runs.\n");
    const noTo = await cli("backfill", "Hourly", "--from", "2024-01-01T00:00:00Z");
    expect(noTo.code).toBe(2);
    expect(noTo.err).toMatch(/--to must be an ISO 8601 time/);
    const badStatus = await cli("runs", "--status", "Done");
    expect(badStatus.code).toBe(2);
    expect(badStatus.err).toMatch(/--status must be one of/);
  });

  it("lists windows and reruns one by start time and a range", async () => {
    await cli("start", "Win");
    const windows = async () =>
      JSON.parse((await cli("windows", "Win", "--json")).out) as {
        windowStartTime: string;
        status: string;
        attempt: number;
      }[];
    await api.tickUntil(async () => {
      const all = await windows();
      return all.length === 3 && all.every((w) => w.status === "Succeeded");
    });
    expect((await cli("windows", "Win")).out).toMatch(
      /2024-01-01 00:00:00\s+2024-01-01 01:00:00\s+Succeeded/,
    );
    const one = await cli("rerun-window", "Win", "2024-01-01T01:00:00Z");
    expect(one.out).toBe("Rerunning 1 window: 2024-01-01T01:00:00.000Z\n");
    expect((await windows()).map((w) => w.status)).toEqual(["Succeeded", "Waiting", "Succeeded"]);
    await api.tickUntil(async () => (await windows()).every((w) => w.status === "Succeeded"));
    const range = await cli(
      "rerun-window",
      "Win",
      "--from",
      "2024-01-01T00:00:00Z",
      "--to",
      "2024-01-01T02:00:00Z",
      "--json",
    );
    expect(JSON.parse(range.out)).toEqual({
      rerun: ["2024-01-01T00:00:00.000Z", "2024-01-01T01:00:00.000Z"],
    });
    const none = await cli("rerun-window", "Win", "2030-01-01T00:00:00Z");
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/no window '2030-01-01T00:00:00Z'/);
    await cli("stop", "Win");
  }, 60_000);

  it("cancels a waiting window by start time; an ended one is refused", async () => {
    // One window at a time of a pipeline that waits 10 minutes: the others stay Waiting.
    await api.factories.putResource(factory, "pipeline", "Slow", slowPipeline(600));
    const late = tumblingTrigger("Late", { maxConcurrency: 1 }, "Slow");
    await api.factories.putResource(factory, "trigger", "Late", late);
    await cli("start", "Late");
    const windows = async () =>
      JSON.parse((await cli("windows", "Late", "--json")).out) as { status: string }[];
    await api.tickUntil(async () => (await windows())[0]?.status === "Running");
    const cancelled = await cli("cancel-window", "Late", "2024-01-01T01:00:00Z");
    expect(cancelled).toMatchObject({
      code: 0,
      out: "Cancelled window 2024-01-01T01:00:00.000Z of Late.\n",
    });
    expect((await windows()).map((w) => w.status)).toEqual(["Running", "Cancelled", "Waiting"]);
    const json = await cli("cancel-window", "Late", "2024-01-01T00:00:00Z", "--json");
    expect(JSON.parse(json.out)).toEqual({ cancelled: "2024-01-01T00:00:00.000Z" });
    const again = await cli("cancel-window", "Late", "2024-01-01T01:00:00Z");
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/a window that is Cancelled; only a tumbling window that is/);
    const none = await cli("cancel-window", "Late", "2030-01-01T00:00:00Z");
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/no window '2030-01-01T00:00:00Z'/);
    await cli("stop", "Late");
  }, 60_000);
});
