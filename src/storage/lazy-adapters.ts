// The S3 and SFTP adapters behind connectors that load them on first use (lazy-connector.ts):
// their SDKs cost hundreds of milliseconds to load, paid only by factories that use them.
import { lazyConnector } from "./lazy-connector.js";
import { checkBucketName, s3Description } from "./s3/s3-bucket.js";
import type { S3StorageOptions } from "./s3/s3-storage.js";
import { sftpDescription } from "./sftp/sftp-root.js";
import type { SftpStorageOptions } from "./sftp/sftp-storage.js";
import type { StorageConnector } from "./storage-connector.js";

/** An S3 bucket (see s3/s3-storage.ts); a bad bucket name is refused at once. */
export function openS3Storage(options: S3StorageOptions): StorageConnector {
  checkBucketName(options.bucket);
  return lazyConnector(s3Description(options.bucket, options.serviceUrl), async () =>
    (await import("./s3/s3-storage.js")).openS3Storage(options),
  );
}

/** A folder of an SFTP server (see sftp/sftp-storage.ts). */
export function openSftpStorage(options: SftpStorageOptions): StorageConnector {
  return lazyConnector(sftpDescription(options), async () =>
    (await import("./sftp/sftp-storage.js")).openSftpStorage(options),
  );
}
