// A private OpenSSH sshd for SFTP tests: its own host key, config, user and chroot, on a free
// loopback port. The user exists only inside a private mount namespace where sshd sees our
// own /etc/passwd and /etc/shadow, so nothing on the machine changes.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { access, chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const sshdPath = "/usr/sbin/sshd";
/** The folder sshd chroots the user into, bound over /mnt inside sshd's namespace only. */
const chrootMount = "/mnt";

/** A running sshd serving SFTP to one user, by password or key. */
export interface SftpServer {
  readonly host: "127.0.0.1";
  readonly port: number;
  readonly userName: string;
  readonly password: string;
  /** The user's private key (OpenSSH format, no passphrase), accepted as well. */
  readonly privateKey: string;
  /** The host key's fingerprint, `SHA256:<base64>` as `ssh-keygen -l` shows it. */
  readonly hostKeyFingerprint: string;
  /** The folder on this machine that is `/` for the SFTP user. */
  readonly root: string;
  readonly pid: number;
  /** Stops sshd (waits for it to exit) and removes its folder. */
  stop(): Promise<void>;
}

/**
 * Starts sshd (Debian's openssh-server; `.ci/run` installs it) as root. Rejects with a clear
 * message when sshd is missing or the process is not root.
 */
export async function startSftpServer(): Promise<SftpServer> {
  await access(sshdPath).catch(() => {
    throw new Error(
      `SFTP tests need OpenSSH's sshd at ${sshdPath}: apt-get install openssh-server`,
    );
  });
  if (process.getuid?.() !== 0) throw new Error("SFTP tests start sshd and must run as root.");
  const dir = await mkdtemp(join(tmpdir(), "sluice-sshd-"));
  try {
    const setup = await prepare(dir);
    for (let attempt = 1; ; attempt += 1) {
      const port = await freePort();
      await writeFile(join(dir, "sshd_config"), sshdConfig(dir, port));
      const child = spawnSshd(dir);
      const started = await waitListening(child, port).catch((error: unknown) => error as Error);
      if (!(started instanceof Error)) return serverOf(dir, port, child, setup);
      await stopChild(child);
      if (attempt >= 3 || !/Address already in use/u.test(started.message)) throw started;
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

interface Setup {
  readonly password: string;
  readonly privateKey: string;
  readonly fingerprint: string;
}

async function prepare(dir: string): Promise<Setup> {
  await chmod(dir, 0o755);
  await mkdir(join(dir, "root"), { mode: 0o755 });
  await mkdir("/run/sshd", { recursive: true });
  await run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", join(dir, "host_key")]);
  await run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", join(dir, "user_key")]);
  await writeFile(join(dir, "authorized_keys"), await readFile(join(dir, "user_key.pub")));
  const password = `pw-${randomBytes(9).toString("base64url")}`;
  const hash = (await runWithInput("openssl", ["passwd", "-6", "-stdin"], password)).trim();
  const passwd = await readFile("/etc/passwd", "utf8");
  await writeFile(join(dir, "passwd"), `${passwd.trimEnd()}\n${userName}:x:0:0:sftp:/:/bin/sh\n`);
  const shadow = await readFile("/etc/shadow", "utf8");
  await writeFile(
    join(dir, "shadow"),
    `${shadow.trimEnd()}\n${userName}:${hash}:19000:0:99999:7:::\n`,
    {
      mode: 0o640,
    },
  );
  const hostPub = (await readFile(join(dir, "host_key.pub"), "utf8")).split(" ")[1] ?? "";
  const digest = createHash("sha256").update(Buffer.from(hostPub, "base64")).digest("base64");
  return {
    password,
    privateKey: await readFile(join(dir, "user_key"), "utf8"),
    fingerprint: `SHA256:${digest.replace(/=+$/u, "")}`,
  };
}

const userName = "sluicesftp";

// uid 0 inside the chroot keeps file ownership simple for tests that read what was written;
// the chroot and ForceCommand keep the session to SFTP in the test's folder.
function sshdConfig(dir: string, port: number): string {
  return [
    `Port ${port}`,
    "ListenAddress 127.0.0.1",
    `HostKey ${join(dir, "host_key")}`,
    "PidFile none",
    "UsePAM no",
    "StrictModes no",
    "PermitRootLogin yes",
    "PasswordAuthentication yes",
    "KbdInteractiveAuthentication no",
    "PubkeyAuthentication yes",
    `AuthorizedKeysFile ${join(dir, "authorized_keys")}`,
    `AllowUsers ${userName}`,
    "Subsystem sftp internal-sftp",
    "ForceCommand internal-sftp",
    `ChrootDirectory ${chrootMount}`,
    "AllowTcpForwarding no",
    "X11Forwarding no",
    "MaxStartups 50:30:100",
    "LogLevel INFO",
    "",
  ].join("\n");
}

// sshd refuses a chroot under a world-writable folder such as /tmp, so the test's folder is
// bound over /mnt in sshd's own mount namespace (`unshare` execs sshd: the pid is sshd's).
function spawnSshd(dir: string): ChildProcess {
  const script = [
    `mount --bind ${join(dir, "passwd")} /etc/passwd`,
    `mount --bind ${join(dir, "shadow")} /etc/shadow`,
    `mount --bind ${join(dir, "root")} ${chrootMount}`,
    `exec ${sshdPath} -D -e -f ${join(dir, "sshd_config")}`,
  ].join(" && ");
  return spawn("unshare", ["--mount", "--propagation", "private", "sh", "-c", script], {
    stdio: ["ignore", "ignore", "pipe"],
  });
}

function serverOf(dir: string, port: number, child: ChildProcess, setup: Setup): SftpServer {
  return {
    host: "127.0.0.1",
    port,
    userName,
    password: setup.password,
    privateKey: setup.privateKey,
    hostKeyFingerprint: setup.fingerprint,
    root: join(dir, "root"),
    pid: child.pid ?? -1,
    async stop() {
      await stopChild(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function waitListening(child: ChildProcess, port: number, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => fail(`did not listen within ${timeoutMs} ms`), timeoutMs);
    const fail = (why: string): void => {
      clearTimeout(timer);
      reject(new Error(`sshd ${why}. Output:\n${output}`));
    };
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (output.includes(`Server listening on 127.0.0.1 port ${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => fail(`exited with code ${String(code)}`));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function runWithInput(command: string, args: string[], input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, args, (error, stdout) => {
      if (error !== null) reject(error);
      else resolve(stdout);
    });
    child.stdin?.end(input);
  });
}
