import { setTimeout as delay } from "node:timers/promises";
import type { CommandIO } from "../command-io.js";

/**
 * What the Batch commands need beyond {@link CommandIO}. Every field is optional so
 * `main.ts`'s plain `CommandIO` works unchanged; tests pass their own to run without a
 * terminal, a real clock or the process environment.
 */
export interface BatchIO extends CommandIO {
  /** Writes text as is (no newline added): task logs and the live progress line. Default: stdout. */
  readonly write?: (text: string) => void;
  /** Default: `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Default: `process.cwd()`. */
  readonly cwd?: string;
  /** True when stdout is a terminal: the progress line redraws itself with `\r`. Default: `process.stdout.isTTY`. */
  readonly isTTY?: boolean;
  /** Milliseconds since the epoch. Default: `Date.now`. */
  readonly now?: () => number;
  /** Waits between polls. Default: a real timer. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Default: the global fetch. */
  readonly fetch?: typeof fetch;
}

/** {@link BatchIO} with every default filled in. */
export interface ResolvedIO extends CommandIO {
  readonly write: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly isTTY: boolean;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly fetch?: typeof fetch;
}

/** Fills the defaults of a {@link BatchIO} from the running process. */
export function resolveIO(io: BatchIO): ResolvedIO {
  return {
    out: (text) => io.out(text),
    err: (text) => io.err(text),
    readFile: (path) => io.readFile(path),
    write: io.write ?? ((text) => void process.stdout.write(text)),
    env: io.env ?? process.env,
    cwd: io.cwd ?? process.cwd(),
    isTTY: io.isTTY ?? process.stdout.isTTY === true,
    now: io.now ?? Date.now,
    sleep: io.sleep ?? ((ms) => delay(ms)),
    ...(io.fetch === undefined ? {} : { fetch: io.fetch }),
  };
}
