import { Readable, Writable } from "node:stream";
import type { SFTPWrapper } from "ssh2";
import { sftpCall } from "./sftp-calls.js";

// SFTP answers each request before the next one on a plain stream; keeping several in
// flight is what makes transfers fast (OpenSSH's sftp client keeps 64).
const inFlight = 16;
const chunkSize = 32 * 1024;

/**
 * A stream that writes `path` (created or truncated) with several write requests in flight.
 * The file handle is closed when the stream finishes, or on error.
 */
export function pipelinedWriter(sftp: SFTPWrapper, path: string): Writable {
  let handle: Buffer | undefined;
  let position = 0;
  let pending = 0;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const settled = (): void => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  const drainTo = async (limit: number): Promise<void> => {
    while (pending > limit && failure === undefined) {
      await new Promise<void>((resolve) => (wake = resolve));
    }
    if (failure !== undefined) throw failure;
  };
  const send = (bytes: Buffer): void => {
    const offset = position;
    position += bytes.length;
    pending += 1;
    sftp.write(handle as Buffer, bytes, 0, bytes.length, offset, (error) => {
      pending -= 1;
      if (error !== undefined && error !== null) failure ??= error;
      settled();
    });
  };
  return new Writable({
    async construct(done) {
      try {
        handle = await sftpCall<Buffer>((cb) => sftp.open(path, "w", cb));
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    async write(chunk: Buffer, _encoding, done) {
      try {
        for (let start = 0; start < chunk.length; start += chunkSize) {
          await drainTo(inFlight - 1);
          send(chunk.subarray(start, start + chunkSize));
        }
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    async final(done) {
      try {
        await drainTo(0);
        await sftpCall((cb) => sftp.close(handle as Buffer, cb));
        handle = undefined;
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    destroy(error, done) {
      const open = handle;
      handle = undefined;
      if (open === undefined) {
        done(error);
        return;
      }
      sftp.close(open, () => done(error));
    },
  });
}

/** Bytes `start..end` (inclusive) of `path`, read with several requests in flight. */
export function pipelinedReader(
  sftp: SFTPWrapper,
  path: string,
  start: number,
  end: number,
): Readable {
  let handle: Buffer | undefined;
  let next = start;
  const queue: Promise<Buffer>[] = [];
  const request = (): void => {
    const offset = next;
    const length = Math.min(chunkSize, end + 1 - offset);
    next += length;
    queue.push(
      new Promise((resolve, reject) => {
        const buffer = Buffer.alloc(length);
        sftp.read(handle as Buffer, buffer, 0, length, offset, (error, bytesRead) => {
          if (error !== undefined && error !== null) reject(error);
          else resolve(buffer.subarray(0, bytesRead));
        });
      }),
    );
  };
  return new Readable({
    async construct(done) {
      try {
        handle = await sftpCall<Buffer>((cb) => sftp.open(path, "r", cb));
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    async read() {
      try {
        while (queue.length < inFlight && next <= end) request();
        const chunk = await queue.shift();
        if (chunk === undefined || chunk.length === 0) this.push(null);
        else this.push(chunk);
      } catch (error) {
        this.destroy(error as Error);
      }
    },
    destroy(error, done) {
      const open = handle;
      handle = undefined;
      // Reads still in flight settle against a closed handle; their results are not needed.
      for (const pendingRead of queue) pendingRead.catch(() => undefined);
      if (open === undefined) {
        done(error);
        return;
      }
      sftp.close(open, () => done(error));
    },
  });
}
