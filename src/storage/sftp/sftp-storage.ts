import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { SFTPWrapper, Stats } from "ssh2";
import { checkRange } from "../byte-range.js";
import type {
  ListOptions,
  ReadRange,
  StorageConnector,
  StorageEntry,
  StorageFile,
  WriteBody,
} from "../storage-connector.js";
import { fileNotFound, storageError } from "../storage-errors.js";
import { checkStoragePath, checkStoragePrefix, comparePaths } from "../storage-path.js";
import { bodyStream, emptyStream } from "../write-body.js";
import { SftpSession, type SftpConnectOptions } from "./sftp-session.js";
import { sftpCall, sftpError } from "./sftp-calls.js";
import { sftpDescription, sftpRoot } from "./sftp-root.js";
import { pipelinedReader, pipelinedWriter } from "./sftp-streams.js";

/** Options of {@link openSftpStorage}: the connection, and the folder that is the root. */
export interface SftpStorageOptions extends SftpConnectOptions {
  /** Absolute folder on the server that paths start from; default `/`. */
  readonly rootPath?: string;
}

/**
 * A {@link StorageConnector} over a folder of an SFTP server (ADF's `Sftp` linked service).
 * Writes go to a hidden temp file beside the target, renamed into place when whole
 * (OpenSSH's atomic posix-rename), so a failed write leaves nothing behind.
 */
export function openSftpStorage(options: SftpStorageOptions): StorageConnector {
  return new SftpStorage(options);
}

class SftpStorage implements StorageConnector {
  readonly description: string;
  private readonly session: SftpSession;
  private readonly root: string;

  constructor(options: SftpStorageOptions) {
    const root = sftpRoot(options.rootPath);
    this.root = root === "/" ? "" : root;
    this.description = sftpDescription(options);
    this.session = new SftpSession(options, this.description);
  }

  async *list(prefix: string, options: ListOptions = {}): AsyncGenerator<StorageEntry> {
    checkStoragePrefix(prefix);
    const slash = prefix.lastIndexOf("/");
    const folder = slash < 0 ? "" : prefix.slice(0, slash);
    const entries = await this.session.use((sftp) =>
      this.walk(sftp, folder, prefix, options.recursive !== false),
    );
    // A folder sorts as "path/", as Azure's blob prefixes do.
    const key = (entry: StorageEntry): string =>
      entry.kind === "directory" ? `${entry.path}/` : entry.path;
    yield* entries.sort((a, b) => comparePaths(key(a), key(b)));
  }

  private async walk(
    sftp: SFTPWrapper,
    folder: string,
    prefix: string,
    recursive: boolean,
  ): Promise<StorageEntry[]> {
    const found: StorageEntry[] = [];
    const listed = await this.readdir(sftp, folder);
    for (const item of listed) {
      const path = folder === "" ? item.filename : `${folder}/${item.filename}`;
      const isDirectory = item.attrs.isDirectory();
      const matches = path.startsWith(prefix) || (isDirectory && prefix.startsWith(`${path}/`));
      if (!matches || item.filename.startsWith(".sluice-")) continue;
      if (isDirectory) {
        if (!recursive && path.startsWith(prefix)) found.push({ kind: "directory", path });
        else if (recursive || prefix.startsWith(`${path}/`)) {
          found.push(...(await this.walk(sftp, path, prefix, recursive)));
        }
      } else if (item.attrs.isFile()) {
        found.push(fileOf(path, item.attrs));
      }
    }
    return found;
  }

  private async readdir(
    sftp: SFTPWrapper,
    folder: string,
  ): Promise<{ filename: string; attrs: Stats }[]> {
    try {
      return await sftpCall<{ filename: string; attrs: Stats }[]>((done) =>
        sftp.readdir(this.remote(folder), done),
      );
    } catch (error) {
      if (isMissing(error)) return [];
      throw sftpError(error, { storage: this.description, path: folder });
    }
  }

  async stat(path: string): Promise<StorageFile | undefined> {
    checkStoragePath(path);
    return this.session.use((sftp) => this.statWith(sftp, path));
  }

  private async statWith(sftp: SFTPWrapper, path: string): Promise<StorageFile | undefined> {
    try {
      const attrs = await sftpCall<Stats>((done) => sftp.stat(this.remote(path), done));
      return attrs.isFile() ? fileOf(path, attrs) : undefined;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw sftpError(error, { storage: this.description, path });
    }
  }

  async exists(path: string): Promise<boolean> {
    return (await this.stat(path)) !== undefined;
  }

  async read(path: string, range?: ReadRange): Promise<Readable> {
    checkStoragePath(path);
    const checked = checkRange(range);
    const held = await this.session.hold();
    try {
      const file = await this.statWith(held.sftp, path);
      if (file === undefined) throw fileNotFound({ storage: this.description, path });
      const end = Math.min(checked.end ?? file.size - 1, file.size - 1);
      if (checked.start > end) {
        held.done();
        return emptyStream();
      }
      const stream = pipelinedReader(held.sftp, this.remote(path), checked.start, end);
      stream.once("close", held.done);
      return stream;
    } catch (error) {
      held.done();
      throw error;
    }
  }

  async write(path: string, body: WriteBody): Promise<void> {
    checkStoragePath(path);
    const source = bodyStream(body);
    await this.session.use(async (sftp) => {
      const slash = path.lastIndexOf("/");
      const folder = slash < 0 ? "" : path.slice(0, slash);
      await this.makeFolders(sftp, folder);
      const temp = `${folder === "" ? "" : `${folder}/`}.sluice-${randomUUID()}.tmp`;
      try {
        await pipeline(source, pipelinedWriter(sftp, this.remote(temp)));
        await sftpCall((done) =>
          sftp.ext_openssh_rename(this.remote(temp), this.remote(path), done),
        );
      } catch (error) {
        await this.removeQuietly(sftp, temp);
        throw sftpError(error, { storage: this.description, path });
      }
    });
  }

  private async makeFolders(sftp: SFTPWrapper, folder: string): Promise<void> {
    const parts = [...this.root.split("/").filter(Boolean), ...folder.split("/").filter(Boolean)];
    let current = "";
    for (const part of parts) {
      current += `/${part}`;
      try {
        await sftpCall((done) => sftp.mkdir(current, done));
      } catch (error) {
        // Already there (OpenSSH answers a generic failure for an existing folder).
        const attrs = await sftpCall<Stats>((done) => sftp.stat(current, done)).catch(() => {
          throw sftpError(error, { storage: this.description, path: folder });
        });
        if (!attrs.isDirectory()) {
          throw storageError(
            "StorageConflict",
            { storage: this.description, path: folder },
            `'${current}' is a file, not a folder.`,
          );
        }
      }
    }
  }

  private async removeQuietly(sftp: SFTPWrapper, path: string): Promise<void> {
    // Best effort: the temp file may never have been created, and the write's own error is
    // the one the caller needs.
    await sftpCall((done) => sftp.unlink(this.remote(path), done)).catch(() => undefined);
  }

  async delete(path: string): Promise<boolean> {
    checkStoragePath(path);
    return this.session.use(async (sftp) => {
      if ((await this.statWith(sftp, path)) === undefined) return false;
      try {
        await sftpCall((done) => sftp.unlink(this.remote(path), done));
      } catch (error) {
        if (isMissing(error)) return false;
        throw sftpError(error, { storage: this.description, path });
      }
      await this.removeEmptyFolders(sftp, path);
      return true;
    });
  }

  // Folders exist only while they hold files, as blob prefixes do: a delete removes the
  // folders it empties (rmdir refuses a folder that still holds something, which ends it).
  private async removeEmptyFolders(sftp: SFTPWrapper, path: string): Promise<void> {
    const parts = path.split("/").slice(0, -1);
    while (parts.length > 0) {
      const folder = this.remote(parts.join("/"));
      const removed = await sftpCall((done) => sftp.rmdir(folder, done)).then(
        () => true,
        () => false,
      );
      if (!removed) return;
      parts.pop();
    }
  }

  private remote(path: string): string {
    return path === "" ? this.root || "/" : `${this.root}/${path}`;
  }
}

function fileOf(path: string, attrs: Stats): StorageFile {
  return { kind: "file", path, size: attrs.size, lastModified: new Date(attrs.mtime * 1000) };
}

// SFTP status 2 is "no such file".
function isMissing(error: unknown): boolean {
  return (error as { code?: unknown }).code === 2;
}
