import { randomUUID } from "node:crypto";
import type { FileHandle } from "node:fs/promises";
import { lstat, mkdir, open, realpath, rename, rm, rmdir, stat, unlink } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { isSluiceError } from "../../core/index.js";
import { checkRange } from "../byte-range.js";
import type {
  ListOptions,
  ReadRange,
  StorageConnector,
  StorageEntry,
  StorageFile,
  WriteBody,
} from "../storage-connector.js";
import { fileNotFound, type StorageErrorSubject } from "../storage-errors.js";
import { checkStoragePrefix } from "../storage-path.js";
import { bodyStream } from "../write-body.js";
import { realExistingAncestor, realInside } from "./contained-path.js";
import { errnoCode, fsError, isMissing } from "./fs-errors.js";
import { checkLocalPath, tempPrefix } from "./local-path.js";
import { fileEntry, listLocal } from "./local-list.js";

/**
 * A {@link StorageConnector} over a folder on disk: the embedded default, where each container
 * is a folder in the data directory. `root` is created at the first write. Writes go to a
 * hidden temp file beside the target and are renamed into place (atomic on one file system);
 * reads and writes stream. Symbolic links are followed only while they stay inside the root.
 */
export function openLocalStorage(root: string): StorageConnector {
  return new LocalStorage(resolve(root));
}

class LocalStorage implements StorageConnector {
  readonly description: string;

  constructor(private readonly root: string) {
    this.description = `local folder ${JSON.stringify(root)}`;
  }

  async *list(prefix: string, options: ListOptions = {}): AsyncGenerator<StorageEntry> {
    checkStoragePrefix(prefix);
    const realRoot = await this.realRoot();
    if (realRoot === undefined) return;
    yield* listLocal({ realRoot, storage: this.description }, prefix, options.recursive ?? true);
  }

  async stat(path: string): Promise<StorageFile | undefined> {
    const real = await this.existing(checkLocalPath(path));
    if (real === undefined) return undefined;
    const stats = await stat(real).catch((error: unknown) => {
      if (isMissing(error)) return undefined;
      throw fsError(error, this.subject(path));
    });
    return stats?.isFile() === true ? fileEntry(path, stats) : undefined;
  }

  async exists(path: string): Promise<boolean> {
    return (await this.stat(path)) !== undefined;
  }

  async read(path: string, range?: ReadRange): Promise<Readable> {
    checkLocalPath(path);
    const { start, end } = checkRange(range);
    const real = await this.existing(path);
    if (real === undefined) throw fileNotFound(this.subject(path));
    const handle = await open(real, "r").catch((error: unknown) => {
      throw fsError(error, this.subject(path));
    });
    const stats = await handle.stat();
    if (!stats.isFile()) {
      await handle.close();
      throw fileNotFound(this.subject(path));
    }
    // Past the end, createReadStream simply ends: the clamping the port promises.
    return handle.createReadStream({ start, ...(end === undefined ? {} : { end }) });
  }

  async write(path: string, body: WriteBody): Promise<void> {
    checkLocalPath(path);
    const subject = this.subject(path);
    const source = bodyStream(body);
    const { temp, handle } = await this.createTemp(path, subject);
    try {
      // The write stream closes the handle when it finishes or fails (autoClose).
      await pipeline(source, handle.createWriteStream());
      await rename(temp, join(dirname(temp), path.slice(path.lastIndexOf("/") + 1)));
    } catch (error) {
      await rm(temp, { force: true });
      // The body's own failure is the caller's: pass it through unchanged.
      const passThrough = isSluiceError(error) || source.errored === error;
      throw passThrough || errnoCode(error) === undefined ? error : fsError(error, subject);
    }
  }

  async delete(path: string): Promise<boolean> {
    checkLocalPath(path);
    const subject = this.subject(path);
    const realRoot = await this.realRoot();
    if (realRoot === undefined) return false;
    const parent = await realInside(realRoot, dirname(join(this.root, path)), subject);
    if (parent === undefined) return false;
    const target = join(parent, path.slice(path.lastIndexOf("/") + 1));
    const stats = await lstat(target).catch((error: unknown) => {
      if (isMissing(error)) return undefined;
      throw fsError(error, subject);
    });
    if (stats === undefined || stats.isDirectory()) return false;
    try {
      await unlink(target);
    } catch (error) {
      if (isMissing(error)) return false;
      throw fsError(error, subject);
    }
    await this.pruneEmptyFolders(path);
    return true;
  }

  private subject(path: string): StorageErrorSubject {
    return { storage: this.description, path };
  }

  private async realRoot(): Promise<string | undefined> {
    return realpath(this.root).catch((error: unknown) => {
      if (isMissing(error)) return undefined;
      throw fsError(error, { storage: this.description });
    });
  }

  private async existing(path: string): Promise<string | undefined> {
    const realRoot = await this.realRoot();
    if (realRoot === undefined) return undefined;
    return realInside(realRoot, join(this.root, path), this.subject(path));
  }

  // Checks the deepest existing ancestor before creating anything, so a link pointing out
  // of the root never gets folders created behind it.
  private async prepareParent(path: string, subject: StorageErrorSubject): Promise<string> {
    const parent = dirname(join(this.root, path));
    try {
      await mkdir(this.root, { recursive: true });
      const realRoot = await realpath(this.root);
      await realExistingAncestor(realRoot, parent, subject);
      await mkdir(parent, { recursive: true });
      return await realpath(parent);
    } catch (error) {
      throw errnoCode(error) === undefined ? error : fsError(error, subject);
    }
  }

  // The temp file sits beside the target so the rename never crosses file systems, and it
  // keeps its folder from being pruned by a concurrent delete. That delete may still prune
  // the folder between mkdir and open: then prepare it again (each round needs a new race).
  private async createTemp(
    path: string,
    subject: StorageErrorSubject,
  ): Promise<{ temp: string; handle: FileHandle }> {
    for (let attempt = 1; ; attempt += 1) {
      const parent = await this.prepareParent(path, subject);
      const temp = join(parent, `${tempPrefix}${randomUUID()}`);
      try {
        return { temp, handle: await open(temp, "wx") };
      } catch (error) {
        if (errnoCode(error) !== "ENOENT" || attempt === 5) throw fsError(error, subject);
      }
    }
  }

  // Folders exist only to hold files (as in Azure), so empty ones go with their last file.
  private async pruneEmptyFolders(path: string): Promise<void> {
    const segments = path.split("/").slice(0, -1);
    while (segments.length > 0) {
      try {
        await rmdir(join(this.root, ...segments));
      } catch (error) {
        const code = errnoCode(error);
        if (code === "ENOTEMPTY" || code === "EEXIST" || isMissing(error)) return;
        throw fsError(error, this.subject(path));
      }
      segments.pop();
    }
  }
}
