import { createHash } from "node:crypto";
import type { StorageConnector } from "../../storage/index.js";

/**
 * The base64 MD5 of a file's bytes, as Azure's Content-MD5 and ADF's `contentMD5` show it.
 * The storage port keeps no hash, so the file is read (streamed, never buffered whole);
 * `signal` stops the read.
 */
export async function contentMd5(
  connector: StorageConnector,
  path: string,
  signal: AbortSignal,
): Promise<string> {
  signal.throwIfAborted();
  const hash = createHash("md5");
  const stream = await connector.read(path);
  const abort = (): void => {
    stream.destroy(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
  };
  signal.addEventListener("abort", abort, { once: true });
  try {
    for await (const chunk of stream) hash.update(chunk as Buffer);
  } finally {
    signal.removeEventListener("abort", abort);
  }
  return hash.digest("base64");
}
