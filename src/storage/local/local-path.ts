import { SluiceError } from "../../core/index.js";
import { checkStoragePath } from "../storage-path.js";

/** Names starting with this are in-flight writes (see local-storage.ts): never listed or written. */
export const tempPrefix = ".sluice-tmp-";

/** {@link checkStoragePath}, and refuses names reserved for in-flight writes. */
export function checkLocalPath(path: string): string {
  checkStoragePath(path);
  if (path.split("/").some((segment) => segment.startsWith(tempPrefix))) {
    const rule = `names starting with '${tempPrefix}' are reserved for in-flight writes`;
    throw new SluiceError(
      "StoragePathInvalid",
      `path ${JSON.stringify(path)} is refused: ${rule}.`,
      {
        details: { field: "path", value: path, rule },
      },
    );
  }
  return path;
}
