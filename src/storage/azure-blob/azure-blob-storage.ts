import { Readable } from "node:stream";
import type { ContainerClient, StoragePipelineOptions } from "@azure/storage-blob";
import { checkRange } from "../byte-range.js";
import type {
  ListOptions,
  ReadRange,
  StorageConnector,
  StorageEntry,
  StorageFile,
  WriteBody,
  WriteOptions,
} from "../storage-connector.js";
import type { StorageErrorSubject } from "../storage-errors.js";
import { checkStoragePath, checkStoragePrefix } from "../storage-path.js";
import { bodyStream, emptyStream } from "../write-body.js";
import { azureError, azureStatus } from "./azure-errors.js";
import { listFlat, listLevel } from "./azure-list.js";
import { openContainerClient, type AzureBlobLocation } from "./azure-container.js";
import { uploadBlockBlob } from "./block-upload.js";

/** Tuning of the Azure Blob connector. */
export interface AzureBlobOptions {
  /** Attempts per request, the first included (the SDK backs off between them); default 4. */
  readonly maxTries?: number;
  /** Bytes per staged block; a body no larger is one Put Blob; default 4 MiB. */
  readonly blockSize?: number;
  /** Blocks uploaded at once by one write; default 4. */
  readonly concurrency?: number;
}

/**
 * A {@link StorageConnector} over an Azure Blob container (block blobs), from a container URL
 * with a SAS (Batch's `storageContainerUrl` / `containerUrl`) or from a connection string and a
 * container name. The container must exist; a missing one is `StorageNotFound`.
 */
export function openAzureBlobStorage(
  location: AzureBlobLocation,
  options: AzureBlobOptions = {},
): StorageConnector {
  const pipelineOptions: StoragePipelineOptions = {
    retryOptions: { maxTries: options.maxTries ?? 4 },
  };
  const { client, description } = openContainerClient(location, pipelineOptions);
  return new AzureBlobStorage(client, description, {
    blockSize: options.blockSize ?? 4 * 1024 * 1024,
    concurrency: options.concurrency ?? 4,
  });
}

class AzureBlobStorage implements StorageConnector {
  constructor(
    private readonly container: ContainerClient,
    readonly description: string,
    private readonly upload: { blockSize: number; concurrency: number },
  ) {}

  async *list(prefix: string, options: ListOptions = {}): AsyncGenerator<StorageEntry> {
    checkStoragePrefix(prefix);
    const entries =
      (options.recursive ?? true)
        ? listFlat(this.container, prefix)
        : listLevel(this.container, prefix);
    try {
      yield* entries;
    } catch (error) {
      throw azureError(error, { storage: this.description, path: prefix });
    }
  }

  async stat(path: string): Promise<StorageFile | undefined> {
    checkStoragePath(path);
    try {
      const properties = await this.container.getBlobClient(path).getProperties();
      return {
        kind: "file",
        path,
        size: properties.contentLength ?? 0,
        lastModified: properties.lastModified ?? new Date(0),
        ...(properties.etag === undefined ? {} : { etag: properties.etag }),
      };
    } catch (error) {
      if (azureStatus(error) === 404) return undefined;
      throw azureError(error, this.subject(path));
    }
  }

  async exists(path: string): Promise<boolean> {
    return (await this.stat(path)) !== undefined;
  }

  async read(path: string, range?: ReadRange): Promise<Readable> {
    checkStoragePath(path);
    const { start, end } = checkRange(range);
    const count = end === undefined ? undefined : end - start + 1;
    try {
      const response = await this.container.getBlobClient(path).download(start, count);
      return response.readableStreamBody === undefined
        ? emptyStream()
        : Readable.from(response.readableStreamBody, { objectMode: false });
    } catch (error) {
      // 416: the range starts at or past the end; the port promises an empty read.
      if (azureStatus(error) === 416) return emptyStream();
      throw azureError(error, this.subject(path));
    }
  }

  async write(path: string, body: WriteBody, options: WriteOptions = {}): Promise<void> {
    checkStoragePath(path);
    const client = this.container.getBlockBlobClient(path);
    const source = bodyStream(body);
    try {
      await uploadBlockBlob(client, source, { ...this.upload, contentType: options.contentType });
    } catch (error) {
      throw source.errored === error ? error : azureError(error, this.subject(path));
    }
  }

  async delete(path: string): Promise<boolean> {
    checkStoragePath(path);
    try {
      return (await this.container.getBlobClient(path).deleteIfExists()).succeeded;
    } catch (error) {
      throw azureError(error, this.subject(path));
    }
  }

  private subject(path: string): StorageErrorSubject {
    return { storage: this.description, path };
  }
}
