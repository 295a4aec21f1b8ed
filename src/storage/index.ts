export type {
  ListOptions,
  ReadRange,
  StorageConnector,
  StorageDirectory,
  StorageEntry,
  StorageFile,
  WriteBody,
  WriteOptions,
} from "./storage-connector.js";
export {
  checkStoragePath,
  checkStoragePrefix,
  comparePaths,
  maxPathLength,
} from "./storage-path.js";
export { checkRange } from "./byte-range.js";
export {
  openStorage,
  type OpenStorageOptions,
  type OpenedStorage,
  type StorageLocation,
} from "./open-storage.js";
// Adapters: constructed only by app/ and agent/ (and tests); everyone else takes the port.
export { openLocalStorage } from "./local/local-storage.js";
export {
  createSharedAccessSigner,
  type SharedAccessGrant,
  type SharedAccessPermission,
  type SharedAccessSigner,
} from "./local/shared-access.js";
export { openAzureBlobStorage, type AzureBlobOptions } from "./azure-blob/azure-blob-storage.js";
export type { AzureBlobLocation } from "./azure-blob/azure-container.js";
export { containerSasUrl } from "./azure-blob/container-sas.js";
export { openHttpStorage, type HttpStorageOptions } from "./http/http-storage.js";
export { listAzureContainers } from "./azure-blob/azure-containers.js";
export { openS3Storage, openSftpStorage } from "./lazy-adapters.js";
export type { SftpStorageOptions } from "./sftp/sftp-storage.js";
export type { S3StorageOptions } from "./s3/s3-storage.js";
export { openRestStorage, type RestStorageOptions } from "./rest/rest-storage.js";
