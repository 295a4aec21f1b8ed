// A Sluice server or node agent as its own process (`tsx src/cli/main.ts ...`), so a test
// can kill it with SIGKILL and start it again.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import type { DatabaseConfig } from "../../src/store/index.js";

const root = new URL("../..", import.meta.url).pathname;

/** `sluice server` as its own process, so it can be killed with SIGKILL. */
export async function startServerProcess(
  dataDir: string,
  port: number,
  database: DatabaseConfig,
): Promise<ChildProcess> {
  const db = database.kind === "postgres" ? database.url : "sqlite";
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
      String(port),
      "--db",
      db,
    ],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("listening on")) resolve();
    });
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`server exited ${code}: ${output}`)));
  });
  return child;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** `sluice node` joining `pool` on the server at `url`, as its own process. */
export function startAgentProcess(
  url: string,
  token: string,
  pool: string,
  nodeRoot: string,
): ChildProcess {
  return spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      join(root, "src/cli/main.ts"),
      "node",
      "--server",
      url,
      "--pool",
      pool,
      "--root",
      nodeRoot,
    ],
    {
      cwd: root,
      stdio: ["ignore", "ignore", "ignore"],
      env: { ...process.env, SLUICE_TOKEN: token },
    },
  );
}
