import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { BlobEventSource, ListedBlob } from "../scheduler/index.js";
import { openLocalStorage } from "../storage/index.js";

/**
 * The embedded local storage as storage event triggers see it: each folder under `root`
 * (`<dataDir>/storage`) is a container, each file in it a blob. A root that does not exist
 * yet has no containers.
 */
export function localBlobSource(root: string): BlobEventSource {
  return {
    async containers() {
      const entries = await readdir(root, { withFileTypes: true }).catch((error: unknown) => {
        if ((error as { code?: string }).code === "ENOENT") return [];
        throw error;
      });
      return entries
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort();
    },
    list: (container, prefix) => listFiles(join(root, container), prefix),
  };
}

async function* listFiles(folder: string, prefix: string): AsyncIterable<ListedBlob> {
  for await (const entry of openLocalStorage(folder).list(prefix)) {
    if (entry.kind !== "file") continue;
    yield {
      path: entry.path,
      size: entry.size,
      lastModified: entry.lastModified,
      ...(entry.etag === undefined ? {} : { etag: entry.etag }),
    };
  }
}
