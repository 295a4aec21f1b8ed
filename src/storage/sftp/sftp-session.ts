import { createHash } from "node:crypto";
import { Client, type ConnectConfig, type SFTPWrapper } from "ssh2";
import type { SluiceError } from "../../core/index.js";
import { storageError } from "../storage-errors.js";

/** How to reach and log in to an SFTP server. Secrets never appear in messages. */
export interface SftpConnectOptions {
  readonly host: string;
  /** Default 22. */
  readonly port?: number;
  readonly userName: string;
  readonly password?: string;
  /** An OpenSSH or PEM private key (text). */
  readonly privateKey?: string;
  readonly passphrase?: string;
  /**
   * The server's host key fingerprint: `SHA256:<base64>` (OpenSSH's form) or MD5 hex pairs
   * (`ssh-rsa 2048 aa:bb:...`, ADF's form). Required unless `skipHostKeyValidation`.
   */
  readonly hostKeyFingerprint?: string;
  /** Default false: then a `hostKeyFingerprint` must match. */
  readonly skipHostKeyValidation?: boolean;
  /** Milliseconds to wait for the connection and login; default 20,000. */
  readonly connectTimeoutMs?: number;
  /** Milliseconds an unused connection stays open; default 2,000. */
  readonly idleMs?: number;
}

/**
 * One SSH connection with its SFTP channel, opened on first use and closed when unused for
 * `idleMs` (a Copy opens a connector per dataset and never closes it, so the connection must
 * not outlive the work). A broken connection is replaced on the next use.
 */
export class SftpSession {
  private opening: Promise<{ client: Client; sftp: SFTPWrapper }> | undefined;
  private users = 0;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: SftpConnectOptions,
    readonly description: string,
  ) {}

  /** Runs `action` on the SFTP channel, holding the connection open meanwhile. */
  async use<T>(action: (sftp: SFTPWrapper) => Promise<T>): Promise<T> {
    const release = await this.hold();
    try {
      return await action(release.sftp);
    } finally {
      release.done();
    }
  }

  /** The channel, held until `done` is called (for streams that outlive one call). */
  async hold(): Promise<{ sftp: SFTPWrapper; done: () => void }> {
    this.users += 1;
    clearTimeout(this.idleTimer);
    try {
      const { sftp } = await this.connection();
      let released = false;
      const done = (): void => {
        if (released) return;
        released = true;
        this.release();
      };
      return { sftp, done };
    } catch (error) {
      this.release();
      throw error;
    }
  }

  private release(): void {
    this.users -= 1;
    if (this.users > 0) return;
    this.idleTimer = setTimeout(() => this.close(), this.options.idleMs ?? 2000);
    this.idleTimer.unref();
  }

  /** Closes the connection now (the next use opens a new one). */
  close(): void {
    const opening = this.opening;
    this.opening = undefined;
    opening?.then(
      ({ client }) => client.end(),
      () => undefined,
    );
  }

  private connection(): Promise<{ client: Client; sftp: SFTPWrapper }> {
    this.opening ??= this.connect();
    const opening = this.opening;
    opening.catch(() => {
      if (this.opening === opening) this.opening = undefined;
    });
    return opening;
  }

  private connect(): Promise<{ client: Client; sftp: SFTPWrapper }> {
    const client = new Client();
    const subject = { storage: this.description };
    let hostKeyRefused = false;
    const config: ConnectConfig = {
      host: this.options.host,
      port: this.options.port ?? 22,
      username: this.options.userName,
      readyTimeout: this.options.connectTimeoutMs ?? 20_000,
      ...(this.options.password === undefined ? {} : { password: this.options.password }),
      ...(this.options.privateKey === undefined ? {} : { privateKey: this.options.privateKey }),
      ...(this.options.passphrase === undefined ? {} : { passphrase: this.options.passphrase }),
      hostVerifier: (key: Buffer) => {
        const accepted = this.hostKeyAccepted(key);
        hostKeyRefused = !accepted;
        return accepted;
      },
    };
    return new Promise((resolve, reject) => {
      client.once("error", (error: Error & { level?: string }) => {
        reject(connectError(error, hostKeyRefused, this.options, subject));
      });
      client.once("ready", () => {
        client.sftp((error, sftp) => {
          if (error !== undefined) {
            client.end();
            reject(
              storageError("StorageUnavailable", subject, `no SFTP channel (${error.message}).`),
            );
            return;
          }
          resolve({ client, sftp });
        });
      });
      client.on("close", () => {
        if (this.opening !== undefined) void this.dropIfCurrent(client);
      });
      client.connect(config);
    });
  }

  private async dropIfCurrent(client: Client): Promise<void> {
    const current = await this.opening?.catch(() => undefined);
    if (current?.client === client) this.opening = undefined;
  }

  private hostKeyAccepted(key: Buffer): boolean {
    if (this.options.skipHostKeyValidation === true) return true;
    const expected = this.options.hostKeyFingerprint?.trim();
    if (expected === undefined || expected === "") return false;
    return fingerprintMatches(expected, key);
  }
}

/** True when `expected` (SHA256:base64 or MD5 hex pairs, maybe after "ssh-rsa 2048 ") names `key`. */
export function fingerprintMatches(expected: string, key: Buffer): boolean {
  const sha256 = createHash("sha256").update(key).digest("base64").replace(/=+$/u, "");
  const md5 = createHash("md5").update(key).digest("hex");
  const sha = /SHA256:([A-Za-z0-9+/]+)=*/u.exec(expected)?.[1];
  if (sha !== undefined) return sha === sha256;
  const hex = /([0-9a-f]{2}(?::[0-9a-f]{2}){15})/iu.exec(expected)?.[1];
  return hex !== undefined && hex.replaceAll(":", "").toLowerCase() === md5;
}

function connectError(
  error: Error & { level?: string; code?: string },
  hostKeyRefused: boolean,
  options: SftpConnectOptions,
  subject: { storage: string },
): SluiceError {
  if (hostKeyRefused) {
    const why =
      options.hostKeyFingerprint === undefined || options.hostKeyFingerprint.trim() === ""
        ? "no hostKeyFingerprint is given and skipHostKeyValidation is false"
        : "the server's host key does not match hostKeyFingerprint";
    return storageError("StorageAccessDenied", subject, `host key refused: ${why}.`, error);
  }
  if (error.level === "client-authentication") {
    return storageError(
      "StorageAccessDenied",
      subject,
      `login failed for user '${options.userName}': check userName and the password or private key.`,
      error,
    );
  }
  const why = error.code ?? error.message;
  return storageError(
    "StorageUnavailable",
    subject,
    `cannot connect to the SFTP server (${why}).`,
    error,
  );
}
