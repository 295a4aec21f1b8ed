import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { SluiceError } from "../../core/index.js";
import { checkRange, rangeHeader, type CheckedRange } from "../byte-range.js";
import type {
  ReadRange,
  StorageConnector,
  StorageEntry,
  StorageFile,
} from "../storage-connector.js";
import { storageError, type StorageErrorSubject } from "../storage-errors.js";
import { checkStoragePath } from "../storage-path.js";
import { emptyStream } from "../write-body.js";
import {
  httpNetworkError,
  httpStatusError,
  sliceBytes,
  totalFromContentRange,
} from "./http-response.js";
import { refusingList } from "../refusing-list.js";

/** Options of {@link openHttpStorage}. */
export interface HttpStorageOptions {
  /** Milliseconds to wait for a response's headers (not its body); default 30,000. */
  readonly timeoutMs?: number;
  /** Headers sent with every request (`Authorization` for Basic auth...); never shown. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A read-only {@link StorageConnector} over an HTTP(S) base URL, for Batch's `httpUrl`
 * resource files: a path is appended to the base URL's path (each segment percent-encoded),
 * keeping its query (a SAS stays on every request). `read` uses `Range` (and slices a server's
 * full answer when it ignores `Range`); `stat` uses HEAD, or a one-byte GET when HEAD is not
 * allowed. `list`, `write` and `delete` are `StorageNotSupported`.
 */
export function openHttpStorage(
  baseUrl: string,
  options: HttpStorageOptions = {},
): StorageConnector {
  const url = URL.canParse(baseUrl) ? new URL(baseUrl) : undefined;
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new SluiceError(
      "InvalidArgument",
      `httpUrl ${JSON.stringify(baseUrl)} is not valid: expected an http:// or https:// URL.`,
      { details: { field: "httpUrl", value: baseUrl } },
    );
  }
  return new HttpStorage(url, options.timeoutMs ?? 30_000, options.headers ?? {});
}

class HttpStorage implements StorageConnector {
  readonly description: string;
  private readonly base: string;

  constructor(
    private readonly url: URL,
    private readonly timeoutMs: number,
    private readonly headers: Readonly<Record<string, string>>,
  ) {
    const folder = url.pathname.endsWith("/") ? url.pathname : `${url.pathname}/`;
    this.base = `${url.origin}${folder}`;
    this.description = `HTTP source ${this.base}`;
  }

  list(): AsyncIterable<StorageEntry> {
    return refusingList(this.notSupported("list"));
  }

  async stat(path: string): Promise<StorageFile | undefined> {
    checkStoragePath(path);
    let response = await this.request(path, "HEAD");
    if (response.status === 405 || response.status === 501) {
      response = await this.request(path, "GET", { start: 0, end: 0 });
      await response.body?.cancel();
    }
    if (response.status === 404 || response.status === 410) return undefined;
    if (response.status === 416) return this.fileFrom(path, response, 0);
    if (!response.ok) throw httpStatusError(response.status, this.subject(path));
    const size =
      response.status === 206
        ? totalFromContentRange(response.headers.get("content-range"))
        : Number(response.headers.get("content-length") ?? Number.NaN);
    if (size === undefined || !Number.isSafeInteger(size)) {
      throw storageError("StorageUnavailable", this.subject(path), "the server states no size.");
    }
    return this.fileFrom(path, response, size);
  }

  async exists(path: string): Promise<boolean> {
    return (await this.stat(path)) !== undefined;
  }

  async read(path: string, range?: ReadRange): Promise<Readable> {
    checkStoragePath(path);
    const checked = checkRange(range);
    const response = await this.request(path, "GET", checked);
    if (response.status === 416) {
      await response.body?.cancel();
      return emptyStream();
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw httpStatusError(response.status, this.subject(path));
    }
    if (response.body === null) return emptyStream();
    const body = Readable.fromWeb(response.body as NodeWebStream<Uint8Array>);
    const sliced = response.status === 200 && rangeHeader(checked) !== undefined;
    return sliced
      ? Readable.from(sliceBytes(body, checked.start, checked.end), { objectMode: false })
      : body;
  }

  async write(path: string): Promise<void> {
    checkStoragePath(path);
    throw this.notSupported("write");
  }

  async delete(path: string): Promise<boolean> {
    checkStoragePath(path);
    throw this.notSupported("delete");
  }

  /** The URL of `path`: each segment percent-encoded under the base, with the base's query. */
  fileUrl(path: string): string {
    return `${this.base}${path.split("/").map(encodeURIComponent).join("/")}${this.url.search}`;
  }

  // The timer covers the wait for headers only: a large body may stream for longer.
  private async request(path: string, method: string, range?: CheckedRange): Promise<Response> {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new Error("no answer in time")),
      this.timeoutMs,
    );
    const header = range === undefined ? undefined : rangeHeader(range);
    try {
      return await fetch(this.fileUrl(path), {
        method,
        signal: controller.signal,
        headers: header === undefined ? this.headers : { ...this.headers, range: header },
      });
    } catch (error) {
      throw httpNetworkError(error, this.subject(path));
    } finally {
      clearTimeout(timer);
    }
  }

  private fileFrom(path: string, response: Response, size: number): StorageFile {
    const modified = response.headers.get("last-modified");
    const etag = response.headers.get("etag");
    return {
      kind: "file",
      path,
      size,
      lastModified: modified === null ? new Date(0) : new Date(modified),
      ...(etag === null ? {} : { etag }),
    };
  }

  private subject(path: string): StorageErrorSubject {
    return { storage: this.description, path };
  }

  private notSupported(operation: string): SluiceError {
    return storageError(
      "StorageNotSupported",
      { storage: this.description },
      `${operation} is not supported: an HTTP(S) source can only be read (read, stat, exists).`,
    );
  }
}
