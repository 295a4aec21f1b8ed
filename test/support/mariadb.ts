// A private MariaDB server for tests of the MySql / AzureMySql connectors: Debian's
// mariadb-server binaries (`.ci/run` installs the package), a fresh datadir in a temp folder,
// a free loopback port, and a child process of the test that stops with it.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import mysql from "mysql2/promise";
import { freeLoopbackPort } from "./embedded-postgres-server.js";

const run = promisify(execFile);

/** A running MariaDB with a database and a password-protected user for the tests. */
export interface TestMariaDb {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  readonly password: string;
  /** Runs SQL as the test user (for setting up and checking tables). */
  query(sql: string, values?: unknown[]): Promise<unknown>;
  stop(): Promise<void>;
}

const database = "sluice";
const user = "sluice";
const password = "maria-secret";

/**
 * Starts MariaDB: `mariadb-install-db` into a temp datadir, then `mariadbd` on 127.0.0.1
 * (no networking elsewhere, no unix socket shared with the machine's server), and creates
 * the `sluice` database and user. As root it runs as root explicitly (`--user=root`), which
 * MariaDB allows when asked; the datadir is private to the test.
 */
export async function startMariaDb(): Promise<TestMariaDb> {
  const workDir = await mkdtemp(join(tmpdir(), "sluice-test-mariadb-"));
  let child: ChildProcess | undefined;
  try {
    const dataDir = join(workDir, "data");
    const asRoot = process.getuid?.() === 0 ? ["--user=root"] : [];
    await run(
      "mariadb-install-db",
      [
        "--no-defaults",
        `--datadir=${dataDir}`,
        "--auth-root-authentication-method=normal",
        "--skip-test-db",
        ...asRoot,
      ],
      { cwd: workDir },
    ).catch((error: { code?: unknown; stderr?: string }) => {
      const hint =
        error.code === "ENOENT"
          ? "mariadb-install-db is not installed: run 'apt-get install -y mariadb-server' (as root)"
          : `mariadb-install-db failed: ${error.stderr ?? String(error)}`;
      throw new Error(hint, { cause: error });
    });
    const port = await freeLoopbackPort();
    child = await startServer(dataDir, workDir, port, asRoot);
    await createUser(port);
    const server = child;
    const admin = await mysql.createConnection({
      host: "127.0.0.1",
      port,
      user,
      password,
      database,
      multipleStatements: true,
    });
    return {
      host: "127.0.0.1",
      port,
      database,
      user,
      password,
      query: async (sql, values) => (await admin.query(sql, values))[0],
      stop: async () => {
        await admin.end().catch(() => undefined);
        await stopServer(server);
        await rm(workDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (child !== undefined) await stopServer(child);
    await rm(workDir, { recursive: true, force: true });
    throw error;
  }
}

function startServer(
  dataDir: string,
  workDir: string,
  port: number,
  asRoot: readonly string[],
): Promise<ChildProcess> {
  const args = [
    "--no-defaults",
    `--datadir=${dataDir}`,
    `--port=${port}`,
    "--bind-address=127.0.0.1",
    `--socket=${join(workDir, "mariadb.sock")}`,
    `--pid-file=${join(workDir, "mariadb.pid")}`,
    "--skip-name-resolve",
    "--skip-log-bin",
    "--innodb-buffer-pool-size=32M",
    "--innodb-log-file-size=16M",
    "--innodb-flush-log-at-trx-commit=0",
    "--character-set-server=utf8mb4",
    ...asRoot,
  ];
  // Debian puts mariadbd in /usr/sbin, which a non-root PATH may lack.
  const binary = existsSync("/usr/sbin/mariadbd") ? "/usr/sbin/mariadbd" : "mariadbd";
  const server = spawn(binary, args, { stdio: ["ignore", "ignore", "pipe"] });
  return new Promise((resolve, reject) => {
    let log = "";
    server.stderr?.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes("ready for connections")) resolve(server);
    });
    server.once("error", reject);
    server.once("exit", (code) =>
      reject(new Error(`mariadbd exited with ${code} before it was ready:\n${log}`)),
    );
  });
}

async function createUser(port: number): Promise<void> {
  const root = await mysql.createConnection({ host: "127.0.0.1", port, user: "root" });
  try {
    await root.query(`CREATE DATABASE ${database} CHARACTER SET utf8mb4`);
    await root.query(`CREATE USER '${user}'@'%' IDENTIFIED BY '${password}'`);
    await root.query(`GRANT ALL ON ${database}.* TO '${user}'@'%'`);
  } finally {
    await root.end();
  }
}

/** SIGTERM is MariaDB's normal shutdown; waits for the process to exit. */
async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}
