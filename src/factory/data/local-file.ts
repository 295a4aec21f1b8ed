import { realpath } from "node:fs/promises";
import { join, sep } from "node:path";
import { SluiceError } from "../../core/index.js";
import { checkStoragePath } from "../../storage/index.js";

/**
 * The path on disk of `path` in a local container, resolved through symbolic links and
 * refused (`StorageAccessDenied`) when it leads out of the container, as the local storage
 * connector refuses it: DuckDB opens such files itself, past the connector.
 */
export async function localFilePath(root: string, path: string): Promise<string> {
  const target = join(root, checkStoragePath(path, "path"));
  const [realRoot, realTarget] = await Promise.all([realpath(root), realpath(target)]);
  if (!realTarget.startsWith(realRoot + sep)) {
    throw new SluiceError(
      "StorageAccessDenied",
      `'${path}' leads out of its container through a symbolic link.`,
      { details: { path } },
    );
  }
  return realTarget;
}
