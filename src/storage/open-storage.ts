import { SluiceError } from "../core/index.js";
import { openAzureBlobStorage, type AzureBlobOptions } from "./azure-blob/azure-blob-storage.js";
import { parseContainerUrl } from "./azure-blob/azure-location.js";
import { openHttpStorage, type HttpStorageOptions } from "./http/http-storage.js";
import { openLocalStorage } from "./local/local-storage.js";
import type { StorageConnector } from "./storage-connector.js";
import { checkStoragePath } from "./storage-path.js";

/**
 * Where files are, in Batch's words: a container URL with a SAS (`storageContainerUrl` of a
 * resource file, `containerUrl` of an output file destination), a single file's `httpUrl`, a
 * connection string and container name, or a folder (`localRoot`, the embedded storage).
 */
export type StorageLocation =
  | { readonly storageContainerUrl: string }
  | { readonly containerUrl: string }
  | { readonly connectionString: string; readonly containerName: string }
  | { readonly httpUrl: string }
  | { readonly localRoot: string };

/** Per-adapter options of {@link openStorage}; defaults are each adapter's. */
export interface OpenStorageOptions {
  readonly azureBlob?: AzureBlobOptions;
  readonly http?: HttpStorageOptions;
}

/**
 * A connector for a location, and the path the location itself names: `""` for a container
 * or folder (the caller adds `blobPrefix` or the destination path), the file's name for an
 * `httpUrl` (whose connector is rooted at the URL's folder and keeps its query).
 */
export interface OpenedStorage {
  readonly connector: StorageConnector;
  readonly path: string;
}

const shapes =
  "{ storageContainerUrl }, { containerUrl }, { connectionString, containerName }, { httpUrl } or { localRoot }";

/** Opens the connector a location needs. Throws `InvalidArgument` for any other shape. */
export function openStorage(
  location: StorageLocation,
  options: OpenStorageOptions = {},
): OpenedStorage {
  const given = Object.keys(location as object).filter(
    (key) => (location as Record<string, unknown>)[key] !== undefined,
  );
  const only = (...keys: string[]): boolean =>
    given.length === keys.length && keys.every((key) => given.includes(key));
  if ("storageContainerUrl" in location && only("storageContainerUrl")) {
    // Checked here first so an error names the field the caller gave.
    parseContainerUrl(location.storageContainerUrl, "storageContainerUrl");
    const connector = openAzureBlobStorage(
      { containerUrl: location.storageContainerUrl },
      options.azureBlob,
    );
    return { connector, path: "" };
  }
  if ("containerUrl" in location && only("containerUrl")) {
    return { connector: openAzureBlobStorage(location, options.azureBlob), path: "" };
  }
  if ("connectionString" in location && only("connectionString", "containerName")) {
    return { connector: openAzureBlobStorage(location, options.azureBlob), path: "" };
  }
  if ("httpUrl" in location && only("httpUrl")) return openHttpUrl(location.httpUrl, options);
  if ("localRoot" in location && only("localRoot") && typeof location.localRoot === "string") {
    return { connector: openLocalStorage(location.localRoot), path: "" };
  }
  throw new SluiceError(
    "InvalidArgument",
    `storage location with fields [${given.join(", ")}] is not valid: expected exactly one of ${shapes}.`,
    { details: { field: "location", value: given, allowed: shapes } },
  );
}

// The connector is rooted at the URL's folder so the file is one path segment under it.
function openHttpUrl(httpUrl: string, options: OpenStorageOptions): OpenedStorage {
  const url = URL.canParse(httpUrl) ? new URL(httpUrl) : undefined;
  const slash = url?.pathname.lastIndexOf("/") ?? -1;
  const name = url === undefined ? "" : safeDecode(url.pathname.slice(slash + 1));
  if (url === undefined || name === "") {
    throw new SluiceError(
      "InvalidArgument",
      `httpUrl ${JSON.stringify(url === undefined ? httpUrl : url.origin + url.pathname)} is not valid: expected an http(s) URL naming a file.`,
      { details: { field: "httpUrl" } },
    );
  }
  const folder = `${url.origin}${url.pathname.slice(0, slash + 1)}${url.search}`;
  return {
    connector: openHttpStorage(folder, options.http),
    path: checkStoragePath(name, "httpUrl"),
  };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch (error) {
    if (error instanceof URIError) return "";
    throw error;
  }
}
