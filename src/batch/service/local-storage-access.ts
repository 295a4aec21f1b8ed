// The embedded local storage as agents (and users) reach it over HTTP: containers by name,
// files by path, ranged reads, streamed writes, listing. Storage errors become Batch-shaped.
import type { Readable } from "node:stream";
import { isSluiceError } from "../../core/index.js";
import type { StorageConnector, WriteBody } from "../../storage/index.js";
import { BatchError } from "../batch-error.js";
import { resolveRange, type ByteRange, type FileContent } from "./task-files.js";
import type { ServiceContext } from "./service-deps.js";

/** One file of a listing: `GET /sluice/storage/{container}/?list&prefix=`. */
export interface StoredFileView {
  readonly path: string;
  readonly size: number;
  readonly lastModified: string;
}

/** Access to the embedded local storage. */
export interface LocalStorageAccess {
  read(container: string, path: string, range?: ByteRange): Promise<FileContent>;
  write(container: string, path: string, body: WriteBody | Readable): Promise<void>;
  /** False when there was no such file. */
  delete(container: string, path: string): Promise<boolean>;
  /** Files under `prefix`, however deep, in path order. */
  list(container: string, prefix: string): Promise<StoredFileView[]>;
}

/** Azure's container rule, loosened to any case: 1-63 letters, digits, '-' and '_'. */
const containerPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;

function checkContainer(name: string): void {
  if (!containerPattern.test(name)) {
    throw new BatchError(
      "InvalidInput",
      `Container name '${name}' is not valid: use 1 to 63 letters, digits, hyphens and underscores, starting with a letter or digit.`,
      { PropertyName: "container", PropertyValue: name },
    );
  }
}

/** A storage error in Batch's terms: 404 ResourceNotFound, 400 InvalidInput, 416 InvalidRange. */
function storageError(error: unknown, what: string): unknown {
  if (!isSluiceError(error)) return error;
  switch (error.code) {
    case "StorageNotFound":
      return new BatchError("ResourceNotFound", `${what} does not exist.`);
    case "StoragePathInvalid":
      return new BatchError("InvalidInput", error.message, { PropertyName: "path" });
    case "StorageRangeInvalid":
      return new BatchError("InvalidRange", error.message);
    default:
      return error;
  }
}

async function storageCall<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw storageError(error, what);
  }
}

export function createLocalStorageAccess(ctx: ServiceContext): LocalStorageAccess {
  const open = (container: string): StorageConnector => {
    checkContainer(container);
    return ctx.localContainer(container);
  };
  return {
    async read(container, path, range = {}) {
      const storage = open(container);
      const what = `File '${path}' in container '${container}'`;
      const file = await storageCall(what, () => storage.stat(path));
      if (file === undefined) throw new BatchError("ResourceNotFound", `${what} does not exist.`);
      const { start, end } = resolveRange(range, file.size);
      const body = await storageCall(what, () =>
        storage.read(path, { start, end: Math.max(end, start) }),
      );
      return { body, size: file.size, start, end, lastModified: file.lastModified };
    },
    async write(container, path, body) {
      const storage = open(container);
      await storageCall(`Container '${container}'`, () => storage.write(path, body));
    },
    async delete(container, path) {
      const storage = open(container);
      return storageCall(`Container '${container}'`, () => storage.delete(path));
    },
    async list(container, prefix) {
      const storage = open(container);
      return storageCall(`Container '${container}'`, async () => {
        const files: StoredFileView[] = [];
        for await (const entry of storage.list(prefix)) {
          if (entry.kind !== "file") continue;
          files.push({
            path: entry.path,
            size: entry.size,
            lastModified: entry.lastModified.toISOString(),
          });
        }
        return files;
      });
    },
  };
}
