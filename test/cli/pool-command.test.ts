import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runPool } from "../../src/cli/commands/index.js";
import { runCli } from "./cli-harness.js";
import { FixtureServer, batchError } from "./fixture-server.js";

let server: FixtureServer;
const pool = (argv: string[]) => runCli(runPool, argv, server);

beforeAll(async () => {
  server = await FixtureServer.start();
});
afterAll(() => server.close());
beforeEach(() => server.requests.splice(0));

const pools = [
  {
    id: "local",
    vmSize: "local",
    state: "active",
    allocationState: "steady",
    currentDedicatedNodes: 2,
    targetDedicatedNodes: 2,
    taskSlotsPerNode: 4,
  },
  {
    id: "cluster-east",
    vmSize: "standard_d2s_v3",
    state: "active",
    allocationState: "resizing",
    currentDedicatedNodes: 0,
    targetDedicatedNodes: 10,
    sluiceExternalNodes: true,
  },
];

describe("sluice pool", () => {
  it("creates a pool from flags, with the bearer token", async () => {
    server.on("POST", "/pools", { status: 201 });
    const result = await pool([
      "create",
      "--id",
      "p1",
      "--target-nodes",
      "3",
      "--slots",
      "2",
      "--external",
    ]);
    expect(result).toEqual({ code: 0, out: "Created pool p1.\n", err: "" });
    const [request] = server.requests;
    expect(request?.headers.authorization).toBe("Bearer test-token");
    expect(request?.body).toEqual({
      id: "p1",
      vmSize: "local",
      targetDedicatedNodes: 3,
      taskSlotsPerNode: 2,
      sluiceExternalNodes: true,
    });
  });

  it("creates a pool from Batch's JSON file, and refuses body flags beside --file", async () => {
    server.on("POST", "/pools", { status: 201 });
    const dir = await mkdtemp(join(tmpdir(), "sluice-cli-pool-"));
    const file = join(dir, "pool.json");
    const body = {
      id: "p2",
      vmSize: "x",
      targetDedicatedNodes: 1,
      startTask: { commandLine: "/bin/true" },
    };
    await writeFile(file, JSON.stringify(body));
    expect((await pool(["create", "--file", file])).code).toBe(0);
    expect(server.requests[0]?.body).toEqual(body);

    const mixed = await pool(["create", "--file", file, "--slots", "2"]);
    expect(mixed.code).toBe(2);
    expect(mixed.err).toContain("--file cannot be combined with --slots");
    await writeFile(file, "{ not json");
    const bad = await pool(["create", "--file", file]);
    expect([bad.code, bad.err]).toEqual([
      2,
      expect.stringContaining(`--file ${file} is not valid JSON`),
    ]);
    expect(server.requests).toHaveLength(1);
  });

  it("lists pools in an aligned table, following nextLink", async () => {
    server.on("GET", "/pools", (request) =>
      request.query.page === "2"
        ? { json: { value: [pools[1]] } }
        : { json: { value: [pools[0]], "odata.nextLink": `${server.url}/pools?page=2` } },
    );
    const result = await pool(["list"]);
    expect(result.out).toBe(
      [
        "ID            STATE   ALLOCATION  VM SIZE          NODES  SLOTS  NODE KIND",
        "local         active  steady      local            2/2    4      embedded",
        "cluster-east  active  resizing    standard_d2s_v3  0/10   1      external",
        "",
      ].join("\n"),
    );
    expect(server.requests.map((r) => r.rawQuery)).toEqual(["", "page=2"]);
    const json = await pool(["list", "--json"]);
    expect(JSON.parse(json.out)).toEqual(pools);
  });

  it("shows one pool as details or JSON", async () => {
    server.on("GET", "/pools/local", { json: pools[0] });
    const human = await pool(["show", "local"]);
    expect(human.out).toContain("allocationState        steady\n");
    expect(human.out).toContain("currentDedicatedNodes  2\n");
    expect(JSON.parse((await pool(["show", "local", "--json"])).out)).toEqual(pools[0]);
  });

  it("resizes, stops a resize and deletes", async () => {
    server.on("POST", "/pools/p1/resize", { status: 202 });
    server.on("POST", "/pools/p1/stopresize", { status: 202 });
    server.on("DELETE", "/pools/p1", { status: 202 });
    const resized = await pool([
      "resize",
      "p1",
      "--target",
      "5",
      "--deallocation",
      "TaskCompletion",
    ]);
    expect(resized.out).toBe("Resizing pool p1 to 5 node(s).\n");
    await pool(["stopresize", "p1"]);
    expect((await pool(["delete", "p1"])).out).toBe("Deleting pool p1.\n");
    expect(server.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      [
        "POST",
        "/pools/p1/resize",
        { targetDedicatedNodes: 5, nodeDeallocationOption: "taskcompletion" },
      ],
      ["POST", "/pools/p1/stopresize", undefined],
      ["DELETE", "/pools/p1", undefined],
    ]);
  });

  it("refuses bad usage with exit code 2, naming the flag and what is allowed", async () => {
    const cases: [string[], string][] = [
      [
        ["resize", "p1", "--target", "many"],
        "--target must be an integer from 0 to 10000, but it is 'many'.",
      ],
      [["resize", "p1"], "sluice pool resize needs --target N"],
      [
        ["resize", "p1", "--target", "1", "--deallocation", "later"],
        "--deallocation must be one of requeue, terminate, taskcompletion, retaineddata, but it is 'later'.",
      ],
      [["create", "--target-nodes", "1"], "sluice pool create needs --id ID (or --file FILE)."],
      [["create", "--id", "p", "--fill-type", "random"], "--fill-type must be one of spread, pack"],
      [
        ["create", "--id", "p", "--colour", "red"],
        "unknown option '--colour'; it takes: --server, --data-dir, --help, --file, --id",
      ],
      [["show"], "sluice pool show takes ID, but 0 arguments were given."],
      [["show", "a", "b"], "sluice pool show takes ID, but 2 arguments were given: a b."],
      [
        ["grow"],
        "unknown command 'sluice pool grow'; commands: create, list, show, delete, resize, stopresize.",
      ],
    ];
    for (const [argv, message] of cases) {
      const result = await pool(argv);
      expect(result.code, argv.join(" ")).toBe(2);
      expect(result.err).toContain(message);
    }
    expect(server.requests).toHaveLength(0);
  });

  it("prints API errors as 'error <BatchCode>: <message>' with exit code 1", async () => {
    server.on(
      "POST",
      "/pools",
      batchError(409, "PoolExists", "The specified pool already exists."),
    );
    const result = await pool(["create", "--id", "p1"]);
    expect(result).toEqual({
      code: 1,
      out: "",
      err: "error PoolExists: The specified pool already exists.\n",
    });
  });

  it("prints its help with exit code 0, and to stderr with 2 when the command is missing", async () => {
    const help = await pool(["--help"]);
    expect([help.code, help.out]).toEqual([
      0,
      expect.stringContaining("Usage: sluice pool <command>"),
    ]);
    expect((await pool(["resize", "--help"])).code).toBe(0);
    const missing = await pool([]);
    expect([missing.code, missing.err]).toEqual([2, expect.stringContaining("Usage: sluice pool")]);
  });
});
