import { isSluiceError } from "../core/index.js";
import type { BlobEventSource, ListedBlob } from "../scheduler/index.js";
import { listAzureContainers, openAzureBlobStorage } from "../storage/index.js";

/** An Azure Storage account, by connection string, as storage event triggers see it. */
export function azureBlobSource(connectionString: string): BlobEventSource {
  return {
    containers: () => listAzureContainers(connectionString),
    list: (containerName, prefix) => listBlobs(connectionString, containerName, prefix),
  };
}

async function* listBlobs(
  connectionString: string,
  containerName: string,
  prefix: string,
): AsyncIterable<ListedBlob> {
  const storage = openAzureBlobStorage({ connectionString, containerName });
  try {
    for await (const entry of storage.list(prefix)) {
      if (entry.kind !== "file") continue;
      yield {
        path: entry.path,
        size: entry.size,
        lastModified: entry.lastModified,
        ...(entry.etag === undefined ? {} : { etag: entry.etag }),
      };
    }
  } catch (error) {
    // A container that does not exist (yet) has no blobs, as a local folder that does not.
    if (isSluiceError(error) && error.code === "StorageNotFound") return;
    throw error;
  }
}
