import { stat } from "node:fs/promises";
import { join } from "node:path";
import { SluiceError } from "../../core/index.js";
import { checkStoragePath, openStorage, type StorageConnector } from "../../storage/index.js";
import { classifyConnectionString, withPart } from "./connection-string.js";
import type { DatasetLocation } from "./dataset-location.js";
import { openHttpService, openRestService, type HttpTarget } from "./http-linked-storage.js";
import { prefixFolderStorage } from "./prefix-folders.js";
import { openS3Service } from "./s3-linked-storage.js";
import { openSftpService } from "./sftp-linked-storage.js";
import type { ResolvedDefinition } from "./resolve-definition.js";
import { optionalSecretText, secretText } from "./secret-value.js";
import { azureUrlWithContainer } from "./storage-url.js";

/** What opening a linked storage needs from the composition root. */
export interface LinkedStorageDeps {
  /**
   * The embedded local storage: a folder whose subfolders are containers (the data
   * directory's `storage/`, the one Batch's `autoStorageContainerName` uses). Without it a
   * linked service with `UseLocalStorage=true` is refused.
   */
  readonly localStorageRoot?: string;
}

/** A container (blob container, file system, share) of a linked storage. */
export interface LinkedStorage {
  /** Files of the container, by path from its root. */
  readonly connector: StorageConnector;
  /** The container's name (`""` for a file share, whose root is the linked service's `host`). */
  readonly container: string;
  /** True when a folder exists at `path` (`""`: the container itself). */
  folderExists(path: string): Promise<boolean>;
  /**
   * The container's folder on this machine, for local storage only: data movement hands
   * such files to DuckDB by path instead of streaming them through a temp copy.
   */
  readonly localRoot?: string;
  /**
   * Where the dataset's item is, when the linked service rather than the dataset's location
   * names it (HTTP and REST: the file is the last segment of the combined URL).
   */
  readonly location?: DatasetLocation;
}

/** Linked service types {@link openLinkedStorage} opens. */
export const storageLinkedServiceTypes = [
  "AzureBlobStorage",
  "AzureStorage",
  "AzureBlobFS",
  "FileServer",
  "Sftp",
  "AmazonS3",
  "AmazonS3Compatible",
  "HttpServer",
  "RestService",
] as const;

/**
 * Opens `container` of a storage linked service (parameters bound, expressions resolved):
 * `AzureBlobStorage` (or the legacy `AzureStorage`) with `connectionString` (account key, SAS,
 * `UseDevelopmentStorage=true`, or Sluice's `UseLocalStorage=true`; a separate `accountKey`
 * is added to it), `sasUri` (+ `sasToken`) or an anonymous `containerUri`; `AzureBlobFS`
 * with `url` and `accountKey` or `sasUri`; `FileServer` whose `host` is a folder on this
 * machine; `Sftp`, `AmazonS3` / `AmazonS3Compatible` (`container` is the bucket),
 * `HttpServer` and `RestService` (read-only; `target` gives the dataset's `relativeUrl` and
 * request settings). Anything else is refused with `InvalidArgument`; no message holds a
 * secret.
 */
export function openLinkedStorage(
  linkedService: ResolvedDefinition,
  container: string,
  deps: LinkedStorageDeps,
  target: HttpTarget = {},
): LinkedStorage {
  const type = linkedService.type.toLowerCase();
  if (type === "sftp") return openSftpService(linkedService);
  if (type === "amazons3" || type === "amazons3compatible") {
    return openS3Service(linkedService, container);
  }
  if (type === "httpserver") return openHttpService(linkedService, target);
  if (type === "restservice") return openRestService(linkedService, target);
  if (type === "azureblobstorage" || type === "azurestorage") {
    return openBlobService(linkedService, container, deps);
  }
  if (type === "azureblobfs") return openBlobFs(linkedService, container);
  if (type === "fileserver") return openFileServer(linkedService);
  throw new SluiceError(
    "InvalidArgument",
    `Linked service '${linkedService.name}' is of type '${linkedService.type}', which Sluice cannot read files from yet; supported: ${storageLinkedServiceTypes.join(", ")}.`,
    { details: { field: "type", value: linkedService.type, allowed: storageLinkedServiceTypes } },
  );
}

function openBlobService(
  service: ResolvedDefinition,
  container: string,
  deps: LinkedStorageDeps,
): LinkedStorage {
  const props = service.typeProperties;
  const field = (name: string): string => `linked service '${service.name}' typeProperties.${name}`;
  if (props.connectionString !== undefined) {
    let text = secretText(props.connectionString, field("connectionString"));
    const kind = classifyConnectionString(text);
    if (kind.kind === "local") return openLocalContainer(service, container, deps);
    const accountKey = optionalSecretText(props.accountKey, field("accountKey"));
    if (kind.kind === "account" && !kind.hasCredential && accountKey !== undefined) {
      text = withPart(text, "AccountKey", accountKey);
    }
    return blobContainer(
      openStorage({ connectionString: text, containerName: container }),
      container,
    );
  }
  if (props.sasUri !== undefined) {
    const uri = secretText(props.sasUri, field("sasUri"));
    const token = optionalSecretText(props.sasToken, field("sasToken"));
    const url = azureUrlWithContainer(uri, container, token, field("sasUri"));
    return blobContainer(openStorage({ containerUrl: url }), container);
  }
  if (typeof props.containerUri === "string") {
    // Anonymous access: the container URI names the container itself.
    const url = azureUrlWithContainer(
      props.containerUri,
      container,
      undefined,
      field("containerUri"),
    );
    return blobContainer(openStorage({ containerUrl: url }), container);
  }
  throw unsupportedAuthentication(service, "connectionString, sasUri or containerUri");
}

function openBlobFs(service: ResolvedDefinition, fileSystem: string): LinkedStorage {
  const props = service.typeProperties;
  const field = (name: string): string => `linked service '${service.name}' typeProperties.${name}`;
  if (props.sasUri !== undefined) {
    const uri = secretText(props.sasUri, field("sasUri")).replace(".dfs.", ".blob.");
    const token = optionalSecretText(props.sasToken, field("sasToken"));
    const url = azureUrlWithContainer(uri, fileSystem, token, field("sasUri"));
    return blobContainer(openStorage({ containerUrl: url }), fileSystem);
  }
  const accountKey = optionalSecretText(props.accountKey, field("accountKey"));
  if (typeof props.url === "string" && accountKey !== undefined) {
    // ADLS Gen2 serves the same data through its blob endpoint, which the connector speaks.
    const blobEndpoint = props.url.replace(".dfs.", ".blob.").replace(/\/+$/u, "");
    const account = accountNameOf(blobEndpoint, field("url"));
    const text = `AccountName=${account};AccountKey=${accountKey};BlobEndpoint=${blobEndpoint}`;
    return blobContainer(
      openStorage({ connectionString: text, containerName: fileSystem }),
      fileSystem,
    );
  }
  throw unsupportedAuthentication(service, "url with accountKey, or sasUri");
}

function accountNameOf(endpoint: string, field: string): string {
  const url = URL.canParse(endpoint) ? new URL(endpoint) : undefined;
  const pathStyle = url !== undefined && /^(\d+\.\d+\.\d+\.\d+|localhost)$/u.test(url.hostname);
  const name = pathStyle ? url.pathname.split("/")[1] : url?.hostname.split(".")[0];
  if (name === undefined || name === "") {
    throw new SluiceError(
      "InvalidArgument",
      `${field} ${JSON.stringify(endpoint)} is not valid: expected https://<account>.dfs.core.windows.net.`,
      { details: { field, value: endpoint } },
    );
  }
  return name;
}

function openFileServer(service: ResolvedDefinition): LinkedStorage {
  const host = service.typeProperties.host;
  if (typeof host !== "string" || host.trim() === "") {
    throw new SluiceError(
      "InvalidArgument",
      `Linked service '${service.name}' (FileServer) needs typeProperties.host: the folder to read, on the machine running Sluice.`,
      { details: { field: "typeProperties.host", value: host } },
    );
  }
  return localFolder(host, "");
}

function openLocalContainer(
  service: ResolvedDefinition,
  container: string,
  deps: LinkedStorageDeps,
): LinkedStorage {
  if (deps.localStorageRoot === undefined) {
    throw new SluiceError(
      "InvalidArgument",
      `Linked service '${service.name}' names Sluice's embedded local storage (UseLocalStorage=true), but this Sluice has no local storage configured.`,
      { details: { field: "typeProperties.connectionString" } },
    );
  }
  const name = checkStoragePath(container, "container");
  if (name.includes("/")) {
    throw new SluiceError(
      "InvalidArgument",
      `container ${JSON.stringify(name)} is not valid: a container is one folder name, without '/'.`,
      { details: { field: "container", value: name } },
    );
  }
  return localFolder(join(deps.localStorageRoot, name), name);
}

function localFolder(root: string, container: string): LinkedStorage {
  const { connector } = openStorage({ localRoot: root });
  return {
    connector,
    container,
    localRoot: root,
    async folderExists(path) {
      const target = path === "" ? root : join(root, checkStoragePath(path, "folderPath"));
      const stats = await stat(target).catch((error: unknown) => {
        const code = (error as { code?: unknown }).code;
        if (code === "ENOENT" || code === "ENOTDIR") return undefined;
        throw error;
      });
      return stats?.isDirectory() === true;
    },
  };
}

function blobContainer(opened: { connector: StorageConnector }, container: string): LinkedStorage {
  return prefixFolderStorage(opened.connector, container);
}

function unsupportedAuthentication(service: ResolvedDefinition, supported: string): SluiceError {
  const given = Object.keys(service.typeProperties).join(", ");
  return new SluiceError(
    "InvalidArgument",
    `Linked service '${service.name}' (${service.type}) uses an authentication Sluice does not support yet (typeProperties: ${given}); supported: ${supported}.`,
    { details: { field: "typeProperties", value: given, allowed: supported } },
  );
}
