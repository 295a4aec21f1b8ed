import type { BlobItem, BlobPrefix, ContainerClient } from "@azure/storage-blob";
import type { StorageEntry, StorageFile } from "../storage-connector.js";
import { comparePaths } from "../storage-path.js";

/** Every blob under `prefix`, in the service's (code-point) order. */
export async function* listFlat(
  container: ContainerClient,
  prefix: string,
): AsyncGenerator<StorageEntry> {
  for await (const item of container.listBlobsFlat({ prefix })) yield blobFile(item);
}

/**
 * One `/`-delimited level under `prefix`. The service returns each page's blobs and prefixes
 * as two sorted lists; merging them keeps the whole listing in path order (folders keyed
 * with their trailing `/`, as the service orders them).
 */
export async function* listLevel(
  container: ContainerClient,
  prefix: string,
): AsyncGenerator<StorageEntry> {
  const pages = container.listBlobsByHierarchy("/", { prefix }).byPage({ maxPageSize: 5000 });
  for await (const page of pages) {
    const files = page.segment.blobItems;
    const folders: readonly BlobPrefix[] = page.segment.blobPrefixes ?? [];
    let f = 0;
    let d = 0;
    while (f < files.length || d < folders.length) {
      const file = files[f];
      const folder = folders[d];
      if (
        folder === undefined ||
        (file !== undefined && comparePaths(file.name, folder.name) < 0)
      ) {
        if (file !== undefined) yield blobFile(file);
        f += 1;
      } else {
        yield { kind: "directory", path: folder.name.replace(/\/$/u, "") };
        d += 1;
      }
    }
  }
}

/** A blob's listing or properties as a {@link StorageFile}. */
export function blobFile(item: BlobItem): StorageFile {
  return {
    kind: "file",
    path: item.name,
    size: item.properties.contentLength ?? 0,
    lastModified: item.properties.lastModified,
    ...(item.properties.etag === undefined ? {} : { etag: item.properties.etag }),
  };
}
