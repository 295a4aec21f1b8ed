import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  BlobServiceClient,
  ContainerSASPermissions,
  StorageSharedKeyCredential,
  generateBlobSASQueryParameters,
} from "@azure/storage-blob";

/** Azurite's well-known development account (public, documented by Microsoft). */
export const devAccountName = "devstoreaccount1";
/** The development account's well-known key. */
export const devAccountKey =
  "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

/** A running Azurite blob service on 127.0.0.1, and helpers to use it. */
export interface Azurite {
  /** The Azurite process id (gone once `stop` resolves). */
  readonly pid: number;
  /** `http://127.0.0.1:PORT/devstoreaccount1` */
  readonly blobEndpoint: string;
  /** A connection string for the development account on this instance. */
  readonly connectionString: string;
  /** Creates a container (idempotent) and returns its name. */
  createContainer(name: string): Promise<string>;
  /** A container URL with a SAS; default permissions `racwdl` (all), valid for one hour. */
  containerSasUrl(name: string, options?: SasOptions): string;
  /** Stops Azurite and removes its temp folder; waits for the process to exit. */
  stop(): Promise<void>;
}

/** Options of {@link Azurite.containerSasUrl}. */
export interface SasOptions {
  /** SAS permission letters (r a c w d l); default "racwdl". */
  readonly permissions?: string;
  /** Expiry; default one hour from now. A past time makes a SAS Azurite refuses. */
  readonly expiresOn?: Date;
}

const listening = /successfully listens on (http:\/\/127\.0\.0\.1:\d+)/u;

/**
 * Starts Azurite's blob service as a child process on 127.0.0.1 with an OS-chosen port, in
 * memory, with its working folder in a temp dir (nothing is left in the repository). Resolves
 * once it listens; rejects (and leaves nothing running) if it exits or does not listen within
 * `timeoutMs` (default 30 s).
 */
export async function startAzurite(timeoutMs = 30_000): Promise<Azurite> {
  const folder = await mkdtemp(join(tmpdir(), "sluice-azurite-"));
  const main = createRequire(import.meta.url).resolve("azurite/dist/src/blob/main.js");
  const args = ["--blobHost", "127.0.0.1", "--blobPort", "0", "--inMemoryPersistence"];
  args.push("--silent", "--loose", "--skipApiVersionCheck", "--disableTelemetry");
  const child = spawn(process.execPath, [main, ...args], {
    cwd: folder,
    stdio: ["ignore", "pipe", "pipe"],
  });
  try {
    const origin = await waitForListening(child, timeoutMs);
    return running(child, folder, `${origin}/${devAccountName}`);
  } catch (error) {
    await stopChild(child);
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}

function waitForListening(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => fail(`did not listen within ${timeoutMs} ms`), timeoutMs);
    const fail = (why: string): void => {
      clearTimeout(timer);
      reject(new Error(`Azurite ${why}. Output:\n${output}`));
    };
    const onData = (chunk: Buffer): void => {
      output += chunk.toString("utf8");
      const match = listening.exec(output);
      if (match?.[1] === undefined) return;
      clearTimeout(timer);
      child.off("exit", onExit);
      resolve(match[1]);
    };
    const onExit = (code: number | null): void => fail(`exited with code ${String(code)}`);
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", onExit);
  });
}

function running(child: ChildProcess, folder: string, blobEndpoint: string): Azurite {
  const credential = new StorageSharedKeyCredential(devAccountName, devAccountKey);
  const service = new BlobServiceClient(blobEndpoint, credential);
  return {
    pid: child.pid ?? -1,
    blobEndpoint,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${devAccountName};AccountKey=${devAccountKey};BlobEndpoint=${blobEndpoint};`,
    async createContainer(name) {
      await service.getContainerClient(name).createIfNotExists();
      return name;
    },
    containerSasUrl(name, options = {}) {
      const sas = generateBlobSASQueryParameters(
        {
          containerName: name,
          permissions: ContainerSASPermissions.parse(options.permissions ?? "racwdl"),
          startsOn: new Date(Date.now() - 5 * 60_000),
          expiresOn: options.expiresOn ?? new Date(Date.now() + 60 * 60_000),
        },
        credential,
      );
      return `${blobEndpoint}/${name}?${sas.toString()}`;
    },
    async stop() {
      await stopChild(child);
      await rm(folder, { recursive: true, force: true });
    },
  };
}

// SIGTERM lets Azurite close its sockets; SIGKILL after 5 s makes sure nothing outlives a test.
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}
