import { spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("../..", import.meta.url).pathname;

describe("sluice server as a process", () => {
  it("prints its URL and token path, serves, and exits 0 on Ctrl-C", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "sluice-cli-server-"));
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        join(root, "src/cli/main.ts"),
        "server",
        "--data-dir",
        dataDir,
        "--port",
        "0",
      ],
      { cwd: root },
    );
    let out = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(out);
        if (match?.[1] && out.includes("Token:")) resolve(match[1]);
      });
      child.once("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    expect(out).toContain(`Token: ${join(dataDir, "token")}`);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGINT");
    expect(await exited).toBe(0);
  }, 30_000);

  it("refuses a bad --port with a clear message and exit code 2", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(root, "src/cli/main.ts"), "server", "--port", "99999"],
      { cwd: root },
    );
    let err = "";
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(2);
    expect(err).toContain("--port must be an integer from 0 to 65535, but it is '99999'");
  }, 30_000);
});
