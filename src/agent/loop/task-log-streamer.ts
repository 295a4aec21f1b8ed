import { statSync } from "node:fs";
import { open } from "node:fs/promises";
import type { AgentClient, TaskLogName } from "../../client/index.js";
import type { Logger } from "../../core/index.js";
import { pause } from "./backoff.js";

/** Largest append in bytes: well under the server's default 1 MiB body limit. */
const chunkBytes = 256 * 1024;

interface LogFile {
  readonly name: TaskLogName;
  readonly path: string;
  offset: number;
  /** Set when the server refused the file for good (lease lost, no length to resync to). */
  closed: boolean;
}

/** Who receives a task's logs. */
export interface LogTarget {
  readonly client: AgentClient;
  readonly nodeId: () => string;
  readonly claimToken: string;
  readonly logger: Logger;
}

/**
 * Sends a task's `stdout.txt` / `stderr.txt` to the server while it runs, appending at the
 * offset the server already holds, so the task's files can be tailed through the API. A failed
 * append is retried on the next tick (the offset stays); an offset mismatch resyncs to the
 * server's length.
 */
export class TaskLogStreamer {
  private readonly files: LogFile[];
  private readonly stopped = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(
    private readonly target: LogTarget,
    paths: { readonly stdout: string; readonly stderr: string },
  ) {
    this.files = [
      { name: "stdout.txt", path: paths.stdout, offset: 0, closed: false },
      { name: "stderr.txt", path: paths.stderr, offset: 0, closed: false },
    ];
  }

  /** Starts appending every `intervalMs`. */
  start(intervalMs: number): void {
    this.loop = (async () => {
      while (!this.stopped.signal.aborted) {
        await pause(intervalMs, this.stopped.signal);
        if (!this.stopped.signal.aborted) await this.flush();
      }
    })();
  }

  /** Stops the ticks and sends what is left (the final flush before completion). */
  async finish(): Promise<void> {
    this.stopped.abort();
    await this.loop;
    await this.flush();
  }

  /** Stops without a final flush (a cancelled run). */
  async abandon(): Promise<void> {
    this.stopped.abort();
    await this.loop;
  }

  private async flush(): Promise<void> {
    for (const file of this.files) {
      try {
        while (!file.closed && (await this.sendChunk(file))) {
          // keep sending until the file has nothing new
        }
      } catch (error) {
        // The server is unreachable or refused this append: the offset stays, the next tick retries.
        this.target.logger.debug("log append failed", { file: file.name, error: String(error) });
        return;
      }
    }
  }

  /** Sends the next chunk; true when a full chunk went and more may follow. */
  private async sendChunk(file: LogFile): Promise<boolean> {
    const bytes = await readFrom(file.path, file.offset);
    if (bytes.length === 0) return false;
    const { client, claimToken } = this.target;
    const answer = await client.appendTaskFile(
      this.target.nodeId(),
      claimToken,
      file.name,
      file.offset,
      bytes,
    );
    if (answer.kind === "appended") {
      file.offset += bytes.length;
      return bytes.length === chunkBytes;
    }
    const resync = answer.kind === "offsetMismatch" ? answer.serverLength : undefined;
    if (resync !== undefined && resync !== file.offset) {
      file.offset = resync;
      return true;
    }
    file.closed = true;
    return false;
  }
}

/**
 * Up to {@link chunkBytes} of `path` from `offset`; empty when there is no such file yet or
 * nothing past `offset`. Most tasks print little or nothing: a stat decides before any open,
 * synchronous as the runner's small file calls are (one local call, no thread-pool trip).
 */
async function readFrom(path: string, offset: number): Promise<Uint8Array> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return new Uint8Array(0);
    throw error;
  }
  if (size <= offset) return new Uint8Array(0);
  let handle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return new Uint8Array(0);
    throw error;
  }
  try {
    const buffer = Buffer.alloc(Math.min(chunkBytes, size - offset));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
