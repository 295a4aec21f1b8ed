import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runPool } from "../../src/cli/commands/index.js";
import { runCli } from "./cli-harness.js";
import { FixtureServer } from "./fixture-server.js";

let server: FixtureServer;
let cwd: string;

beforeAll(async () => {
  server = await FixtureServer.start();
  server.on("GET", "/pools", { json: { value: [] } });
  cwd = await mkdtemp(join(tmpdir(), "sluice-cli-conn-"));
  await mkdir(join(cwd, ".sluice"));
  await writeFile(join(cwd, ".sluice", "token"), "from-default-dir\n");
  await mkdir(join(cwd, "home"));
  await writeFile(join(cwd, "home", "token"), "from-sluice-home\n");
});
afterAll(() => server.close());
beforeEach(() => server.requests.splice(0));

const list = (argv: string[], env: Record<string, string>) =>
  runCli(runPool, ["list", ...argv], undefined, { env, cwd });

describe("connection settings", () => {
  it("reads the token from SLUICE_TOKEN, else --data-dir, SLUICE_HOME or ./.sluice", async () => {
    const url = server.url;
    const cases: [string[], Record<string, string>, string][] = [
      [[], { SLUICE_URL: url, SLUICE_TOKEN: "from-env", SLUICE_HOME: "home" }, "from-env"],
      [["--data-dir", join(cwd, "home")], { SLUICE_URL: url }, "from-sluice-home"],
      [[], { SLUICE_URL: url, SLUICE_HOME: join(cwd, "home") }, "from-sluice-home"],
      [[], { SLUICE_URL: url }, "from-default-dir"],
      [["--server", url], { SLUICE_URL: "http://127.0.0.1:1" }, "from-default-dir"],
    ];
    for (const [argv, env, token] of cases) {
      const result = await list(argv, env);
      expect([result.code, result.out], JSON.stringify(env)).toEqual([0, "No pools.\n"]);
      expect(server.requests.at(-1)?.headers.authorization).toBe(`Bearer ${token}`);
    }
  });

  it("names what is missing when there is no token", async () => {
    const result = await list(["--data-dir", "nowhere"], { SLUICE_URL: server.url });
    expect(result.code).toBe(2);
    expect(result.err).toContain(
      `No token to reach the server: SLUICE_TOKEN is not set and ${join(cwd, "nowhere", "token")} does not exist.`,
    );
    expect(result.err).toContain("--data-dir (or SLUICE_HOME)");
  });

  it("refuses a server that is not an http(s) URL", async () => {
    const result = await list(["--server", "ftp://x"], { SLUICE_TOKEN: "t" });
    expect(result).toMatchObject({ code: 2 });
    expect(result.err).toContain(
      "--server must be an http(s) URL such as http://127.0.0.1:7070, but it is 'ftp://x'.",
    );
    const fromEnv = await list([], { SLUICE_TOKEN: "t", SLUICE_URL: "localhost:7070" });
    expect(fromEnv.err).toContain("SLUICE_URL must be an http(s) URL");
  });

  it("says which server it cannot reach, with exit code 1", async () => {
    const closed = await FixtureServer.start();
    const url = closed.url;
    await closed.close();
    const result = await list([], { SLUICE_TOKEN: "t", SLUICE_URL: url });
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      new RegExp(
        `^error ServerUnreachable: cannot reach the Sluice server at ${url} \\(ECONNREFUSED\\)`,
      ),
    );
  });
});
