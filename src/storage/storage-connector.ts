import type { Readable } from "node:stream";

/** One file (a blob, an object) in a storage, as `list` and `stat` report it. */
export interface StorageFile {
  readonly kind: "file";
  /** Path from the storage root, segments joined by `/`, never starting or ending with `/`. */
  readonly path: string;
  /** Size in bytes. */
  readonly size: number;
  readonly lastModified: Date;
  /** An opaque version tag when the storage has one (Azure's ETag, HTTP's ETag header). */
  readonly etag?: string;
}

/** A folder level, reported only by non-recursive listings (Azure's "blob prefix"). */
export interface StorageDirectory {
  readonly kind: "directory";
  /** Path of the folder from the storage root, without a trailing `/`. */
  readonly path: string;
}

/** What a listing yields. */
export type StorageEntry = StorageFile | StorageDirectory;

/** Options of {@link StorageConnector.list}. */
export interface ListOptions {
  /**
   * Default true: every file whose path starts with the prefix, however deep. False: one folder
   * level, as Azure's `/`-delimited listing: the files and folders directly after the prefix.
   */
  readonly recursive?: boolean;
}

/**
 * A byte range, both ends inclusive (as HTTP `Range` and Node's `createReadStream`). The range
 * is clamped to the file: an `end` past the last byte reads to the end, and a `start` at or
 * past the end reads nothing (so a tail of a growing stdout.txt can ask from its last offset).
 */
export interface ReadRange {
  /** First byte to read; default 0. */
  readonly start?: number;
  /** Last byte to read, inclusive; default the last byte of the file. */
  readonly end?: number;
}

/** A body to write: a stream (read once, never buffered whole), bytes, or UTF-8 text. */
export type WriteBody = Readable | Uint8Array | string;

/** Options of {@link StorageConnector.write}. */
export interface WriteOptions {
  /** MIME type stored with the file where the storage keeps one (Azure); default none. */
  readonly contentType?: string;
}

/**
 * The storage port: one container-like root (a folder, an Azure Blob container, an HTTP base
 * URL) holding files by `/`-separated paths. Paths are checked before any I/O (no `..`, `.` or
 * empty segments, not absolute, no backslash or control character); a refused path is a
 * `StoragePathInvalid` error and nothing is read or written. Failures are `SluiceError`s with
 * the `Storage*` codes of docs/errors.md.
 */
export interface StorageConnector {
  /** Where this connector points, for messages and logs (never contains a secret). */
  readonly description: string;

  /**
   * Files under `prefix` (a string prefix, as Azure's `blobPrefix`: `"logs/2026"` matches
   * `logs/2026-01.txt` and `logs/2026/a.txt`; `""` lists everything), sorted by path in
   * code-point order. A root that does not exist yet lists nothing.
   */
  list(prefix: string, options?: ListOptions): AsyncIterable<StorageEntry>;

  /** The file at `path`, or undefined when there is none (a folder is not a file). */
  stat(path: string): Promise<StorageFile | undefined>;

  /** True when a file exists at `path`. */
  exists(path: string): Promise<boolean>;

  /**
   * Streams the file at `path`, or the bytes of `range`. Rejects with `StorageNotFound` before
   * any byte is read when the file does not exist.
   */
  read(path: string, range?: ReadRange): Promise<Readable>;

  /**
   * Writes (or replaces) the file at `path` from `body`, streaming. Atomic: readers see the old
   * file or the whole new one, never part; of concurrent writers of one path, one whole body
   * remains. Folders on the way are created as needed.
   */
  write(path: string, body: WriteBody, options?: WriteOptions): Promise<void>;

  /** Deletes the file at `path`; resolves false when there was none. */
  delete(path: string): Promise<boolean>;
}
