import { isSluiceError } from "../../core/index.js";
import type { StorageConnector } from "../../storage/index.js";
import type { LinkedStorage } from "./linked-storage.js";

/**
 * A linked storage whose folders are path prefixes (Azure Blob, S3, SFTP seen through the
 * port): a folder exists when some file is under it; the root exists when it can be listed.
 */
export function prefixFolderStorage(connector: StorageConnector, container: string): LinkedStorage {
  return {
    connector,
    container,
    async folderExists(path) {
      try {
        const prefix = path === "" ? "" : `${path}/`;
        for await (const entry of connector.list(prefix, { recursive: false })) {
          return entry !== undefined;
        }
        return path === "";
      } catch (error) {
        if (isSluiceError(error, "StorageNotFound")) return false;
        throw error;
      }
    },
  };
}
