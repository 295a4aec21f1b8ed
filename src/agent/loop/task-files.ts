import { isSluiceError } from "../../core/index.js";
import { createReadStream } from "node:fs";
import { posix } from "node:path";
import type { Readable } from "node:stream";
import type {
  AgentClient,
  OutputFileAssignment,
  ResourceFileAssignment,
} from "../../client/index.js";
import { openStorage, type StorageConnector } from "../../storage/index.js";
import { patternHasWildcards } from "../runner/file-pattern.js";
import type { OutputFileSpec, ResourceFileSource } from "../runner/task-run-spec.js";

/** Where a container's blobs come from: a storage connector or the server's embedded storage. */
interface BlobReader {
  list(prefix: string): Promise<readonly string[]>;
  read(path: string): Promise<Readable>;
}

function connectorReader(connector: StorageConnector): BlobReader {
  return {
    list: async (prefix) => {
      const paths: string[] = [];
      for await (const entry of connector.list(prefix)) {
        if (entry.kind === "file") paths.push(entry.path);
      }
      return paths;
    },
    read: (path) => connector.read(path),
  };
}

function serverReader(client: AgentClient, container: string): BlobReader {
  return {
    list: async (prefix) => (await client.listBlobs(container, prefix)).map((file) => file.path),
    read: (path) => client.readBlob(container, path),
  };
}

/**
 * Resource files as the runner's sources. A container (`storageContainerUrl`,
 * `sluiceContainer`) is listed now, one source per blob under `blobPrefix`, each written at
 * `filePath/<blob path>` as Batch keeps the blob's folders. A listing error rejects (the
 * caller reports it as a pre-processing error); single files are opened only when written.
 */
export async function resourceSources(
  files: readonly ResourceFileAssignment[],
  client: AgentClient,
): Promise<ResourceFileSource[]> {
  const sources: ResourceFileSource[] = [];
  for (const file of files) {
    const mode = file.fileMode === undefined ? {} : { fileMode: file.fileMode };
    const origin = file.source;
    if ("httpUrl" in origin) {
      const filePath = file.filePath ?? urlFileName(origin.httpUrl);
      sources.push({ filePath, ...mode, open: () => openHttpFile(origin.httpUrl) });
      continue;
    }
    if ("sluiceFile" in origin) {
      const filePath = file.filePath ?? posix.basename(origin.path);
      const open = (): Promise<Readable> => client.readBlob(origin.sluiceFile, origin.path);
      sources.push({ filePath, ...mode, open });
      continue;
    }
    const reader =
      "sluiceContainer" in origin
        ? serverReader(client, origin.sluiceContainer)
        : connectorReader(
            openStorage({ storageContainerUrl: origin.storageContainerUrl }).connector,
          );
    for (const blob of await reader.list(origin.blobPrefix ?? "")) {
      const filePath = file.filePath ? posix.join(file.filePath, blob) : blob;
      sources.push({ filePath, ...mode, open: () => reader.read(blob) });
    }
  }
  return sources;
}

async function openHttpFile(httpUrl: string): Promise<Readable> {
  const { connector, path } = openStorage({ httpUrl });
  return connector.read(path);
}

/** The last path segment of a URL, for an `httpUrl` file given without `filePath`. */
function urlFileName(httpUrl: string): string {
  const pathname = URL.canParse(httpUrl) ? new URL(httpUrl).pathname : httpUrl;
  return decodeURIComponent(pathname.slice(pathname.lastIndexOf("/") + 1));
}

/**
 * Where a matched output file goes: under the destination `path` as a folder when the pattern
 * has wildcards, at `path` itself when it names one file, at the file's own name without a
 * `path` (Batch's rules). Pure.
 */
export function destinationPath(
  filePattern: string,
  path: string | undefined,
  relativePath: string,
): string {
  const folder = path?.replace(/\/+$/, "");
  if (patternHasWildcards(filePattern)) return folder ? `${folder}/${relativePath}` : relativePath;
  return path ?? relativePath;
}

/**
 * Output file declarations as the runner's specs, uploading to a container URL or the server.
 * A container URL of the server's own embedded storage (`<serverUrl>/sluice/storage/<name>`,
 * as Custom activities' outputs are) goes through `client` too: the upload then waits for a
 * server that is restarting, as a task that outlived its server must.
 */
export function outputSpecs(
  outputs: readonly OutputFileAssignment[],
  client: AgentClient,
  serverUrl?: string,
): OutputFileSpec[] {
  return outputs.map((output) => {
    const target = output.destination;
    return {
      filePattern: output.filePattern,
      uploadCondition: output.uploadCondition,
      upload: async (relativePath: string, absolutePath: string) => {
        const dest = destinationPath(output.filePattern, target.path, relativePath);
        const embedded =
          "sluiceContainer" in target
            ? target.sluiceContainer
            : embeddedContainer(target.containerUrl, serverUrl);
        if (embedded !== undefined) {
          await whileServerAway(() =>
            client.writeBlob(embedded, dest, createReadStream(absolutePath)),
          );
          return;
        }
        if ("sluiceContainer" in target) return; // (handled above: narrows the type)
        const body = createReadStream(absolutePath);
        await openStorage({ containerUrl: target.containerUrl }).connector.write(dest, body);
      },
    };
  });
}

/** The embedded storage container that `containerUrl` names on the server at `serverUrl`. */
function embeddedContainer(
  containerUrl: string,
  serverUrl: string | undefined,
): string | undefined {
  if (serverUrl === undefined || !URL.canParse(containerUrl) || !URL.canParse(serverUrl))
    return undefined;
  const url = new URL(containerUrl);
  const server = new URL(serverUrl);
  if (url.origin !== server.origin) return undefined;
  const base = server.pathname.replace(/\/+$/, "");
  const match = /^\/sluice\/storage\/([^/]+)\/?$/.exec(url.pathname.slice(base.length));
  return url.pathname.startsWith(base) && match ? decodeURIComponent(match[1]!) : undefined;
}

/**
 * Retries `work` while the server cannot be reached (restarting after a crash, say): the
 * embedded storage lives in the server, and a task's output must not be lost to a restart.
 * Other failures, and a server away for more than `giveUpMs`, fail at once.
 */
export async function whileServerAway<T>(work: () => Promise<T>, giveUpMs = 120_000): Promise<T> {
  const deadline = Date.now() + giveUpMs;
  for (let pause = 250; ; pause = Math.min(pause * 2, 5_000)) {
    try {
      return await work();
    } catch (error) {
      const away = isSluiceError(error) && error.code === "StorageUnavailable";
      if (!away || Date.now() + pause > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
