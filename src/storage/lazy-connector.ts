// A connector whose adapter module loads on first use. The S3 and SFTP adapters pull in large
// SDKs (the AWS SDK, ssh2); loading them only when a factory actually uses those stores keeps
// `sluice up`, the server and every node agent quick to start.
import type { Readable } from "node:stream";
import type {
  ListOptions,
  ReadRange,
  StorageConnector,
  StorageEntry,
  StorageFile,
  WriteBody,
  WriteOptions,
} from "./storage-connector.js";

/** A {@link StorageConnector} that opens the real one (once) at its first call. */
export function lazyConnector(
  description: string,
  open: () => Promise<StorageConnector>,
): StorageConnector {
  let opened: Promise<StorageConnector> | undefined;
  const real = (): Promise<StorageConnector> => (opened ??= open());
  return {
    description,
    async *list(prefix: string, options?: ListOptions): AsyncGenerator<StorageEntry> {
      yield* (await real()).list(prefix, options);
    },
    stat: async (path: string): Promise<StorageFile | undefined> => (await real()).stat(path),
    exists: async (path: string): Promise<boolean> => (await real()).exists(path),
    read: async (path: string, range?: ReadRange): Promise<Readable> =>
      (await real()).read(path, range),
    write: async (path: string, body: WriteBody, options?: WriteOptions): Promise<void> =>
      (await real()).write(path, body, options),
    delete: async (path: string): Promise<boolean> => (await real()).delete(path),
  };
}
