import { Readable } from "node:stream";
import { SluiceError } from "../../core/index.js";
import { checkRange } from "../byte-range.js";
import { httpNetworkError, httpStatusError } from "../http/http-response.js";
import type {
  ReadRange,
  StorageConnector,
  StorageEntry,
  StorageFile,
} from "../storage-connector.js";
import { fileNotFound, storageError } from "../storage-errors.js";
import { checkStoragePath } from "../storage-path.js";
import { emptyStream } from "../write-body.js";
import { firstRequest, nextRequest, type PageRequest } from "./page-requests.js";
import { parsePagination, type Pagination } from "./pagination.js";
import { refusingList } from "../refusing-list.js";

/** Options of {@link openRestStorage}. Header values may hold secrets; none is ever shown. */
export interface RestStorageOptions {
  /** The first request's URL (linked service `url` + dataset `relativeUrl`). */
  readonly url: string;
  /** The one file name the connector shows for the response. */
  readonly fileName: string;
  /** Default GET. */
  readonly method?: string;
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** ADF's `paginationRules` object. */
  readonly paginationRules?: unknown;
  /** Milliseconds to wait for each response's headers; default 100,000 (ADF's 00:01:40). */
  readonly timeoutMs?: number;
  /** Milliseconds between requests; default 0. */
  readonly requestIntervalMs?: number;
  /** Largest response kept, all pages together; default 256 MiB. */
  readonly maxBytes?: number;
  /** Most pages read without a MaxRequestNumber; default 10,000. */
  readonly maxPages?: number;
}

/**
 * A read-only {@link StorageConnector} over a REST API (ADF's `RestService` source): one
 * file, `fileName`, whose content is the JSON the API returns, fetched once on first use,
 * following `paginationRules` (AbsoluteUrl, QueryParameters, Headers, RANGE, EndCondition,
 * MaxRequestNumber, RFC 5988 links). One page is kept as the server sent it; several pages
 * become JSON lines, one per page object (an array page gives one line per element).
 */
export function openRestStorage(options: RestStorageOptions): StorageConnector {
  const url = URL.canParse(options.url) ? new URL(options.url) : undefined;
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new SluiceError(
      "InvalidArgument",
      `REST url ${JSON.stringify(options.url.split("?")[0])} is not valid: expected an http:// or https:// URL.`,
      { details: { field: "url" } },
    );
  }
  return new RestStorage(options, parsePagination(options.paginationRules), url);
}

class RestStorage implements StorageConnector {
  readonly description: string;
  private response: Promise<{ bytes: Buffer; file: StorageFile }> | undefined;

  constructor(
    private readonly options: RestStorageOptions,
    private readonly pagination: Pagination,
    url: URL,
  ) {
    this.description = `REST source ${url.origin}${url.pathname}`;
  }

  list(): AsyncIterable<StorageEntry> {
    return refusingList(this.notSupported("list"));
  }

  async stat(path: string): Promise<StorageFile | undefined> {
    checkStoragePath(path);
    if (path !== this.options.fileName) return undefined;
    return (await this.fetched()).file;
  }

  async exists(path: string): Promise<boolean> {
    return (await this.stat(path)) !== undefined;
  }

  async read(path: string, range?: ReadRange): Promise<Readable> {
    checkStoragePath(path);
    const checked = checkRange(range);
    if (path !== this.options.fileName) throw fileNotFound({ storage: this.description, path });
    const { bytes } = await this.fetched();
    if (checked.start >= bytes.length) return emptyStream();
    const end = Math.min(checked.end ?? bytes.length - 1, bytes.length - 1);
    return Readable.from([bytes.subarray(checked.start, end + 1)]);
  }

  async write(path: string): Promise<void> {
    checkStoragePath(path);
    throw this.notSupported("write");
  }

  async delete(path: string): Promise<boolean> {
    checkStoragePath(path);
    throw this.notSupported("delete");
  }

  private fetched(): Promise<{ bytes: Buffer; file: StorageFile }> {
    this.response ??= this.fetchAll().then((bytes) => ({
      bytes,
      file: {
        kind: "file" as const,
        path: this.options.fileName,
        size: bytes.length,
        lastModified: new Date(0),
      },
    }));
    return this.response;
  }

  private async fetchAll(): Promise<Buffer> {
    const base: PageRequest = { url: this.options.url, headers: this.options.headers ?? {} };
    const pages: Buffer[] = [];
    const bodies: unknown[] = [];
    let request: PageRequest | undefined = firstRequest(base, this.pagination);
    let total = 0;
    while (request !== undefined) {
      if (pages.length >= (this.pagination.maxRequests ?? this.options.maxPages ?? 10_000)) break;
      if (pages.length > 0) await this.pause();
      const response = await this.send(request);
      if (response.status === 204) break;
      const bytes = Buffer.from(await response.arrayBuffer());
      total += bytes.length;
      if (total > (this.options.maxBytes ?? 256 * 1024 * 1024)) throw this.tooLarge(total);
      const body = parseJson(bytes);
      pages.push(bytes);
      bodies.push(body);
      const next = nextRequest(
        base,
        this.pagination,
        request,
        { body, headers: response.headers },
        pages.length,
      );
      // A next link that names the same request again would loop forever: it ends here.
      request = next !== undefined && sameRequest(next, request) ? undefined : next;
    }
    if (pages.length === 1 && pages[0] !== undefined) return pages[0];
    const notJson = bodies.findIndex((body) => body === undefined);
    if (notJson >= 0) {
      throw storageError(
        "StorageUnavailable",
        { storage: this.description },
        `page ${notJson + 1} of the paginated response is not JSON; pages can only be combined as JSON.`,
      );
    }
    return Buffer.from(bodies.flatMap((body) => jsonLines(body)).join(""), "utf8");
  }

  private async send(request: PageRequest): Promise<Response> {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new Error("no answer in time")),
      this.options.timeoutMs ?? 100_000,
    );
    const subject = { storage: this.description };
    try {
      const response = await fetch(request.url, {
        method: this.options.method ?? "GET",
        headers: request.headers,
        signal: controller.signal,
        ...(this.options.body === undefined ? {} : { body: this.options.body }),
      });
      if (!response.ok) {
        await response.body?.cancel();
        throw httpStatusError(response.status, subject);
      }
      return response;
    } catch (error) {
      if (error instanceof SluiceError) throw error;
      throw httpNetworkError(error, subject);
    } finally {
      clearTimeout(timer);
    }
  }

  private async pause(): Promise<void> {
    const ms = this.options.requestIntervalMs ?? 0;
    if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
  }

  private tooLarge(total: number): SluiceError {
    return storageError(
      "StorageNotSupported",
      { storage: this.description },
      `the responses add up to ${total} bytes, over the ${this.options.maxBytes ?? 256 * 1024 * 1024}-byte limit of a REST source; set MaxRequestNumber or narrow the request.`,
    );
  }

  private notSupported(operation: string): SluiceError {
    return storageError(
      "StorageNotSupported",
      { storage: this.description },
      `${operation} is not supported: a REST source can only be read.`,
    );
  }
}

// A body that is not JSON is kept as it is (a single page copies as-is); pagination rules
// that read the body then find nothing, which ends the pagination.
function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString("utf8")) as unknown;
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

function jsonLines(body: unknown): string[] {
  if (body === undefined) return [];
  const items = Array.isArray(body) ? body : [body];
  return items.map((item) => `${JSON.stringify(item)}\n`);
}

function sameRequest(a: PageRequest, b: PageRequest): boolean {
  return a.url === b.url && JSON.stringify(a.headers) === JSON.stringify(b.headers);
}
