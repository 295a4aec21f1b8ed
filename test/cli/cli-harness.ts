// Runs a CLI command in-process against a fixture server, capturing what it prints.
import { readFile } from "node:fs/promises";
import type { BatchIO } from "../../src/cli/commands/index.js";

export interface CliResult {
  readonly code: number;
  /** stdout: lines from `out` and raw text from `write`, in order. */
  readonly out: string;
  readonly err: string;
}

export interface RunOptions {
  readonly env?: Record<string, string | undefined>;
  readonly isTTY?: boolean;
  readonly cwd?: string;
  /** Called at each poll's sleep, after the fake clock moved. */
  readonly onSleep?: (ms: number) => void;
}

type Command = (argv: readonly string[], io: BatchIO) => Promise<number>;

/**
 * Runs `command(argv)` with a fake clock: each sleep moves it forward instantly, so waits
 * and timeouts are decided by the fixture's replies and the clock, never by real time.
 */
export async function runCli(
  command: Command,
  argv: readonly string[],
  server: { url: string } | undefined,
  options: RunOptions = {},
): Promise<CliResult> {
  let out = "";
  let err = "";
  let clock = 1_700_000_000_000;
  const io: BatchIO = {
    out: (text) => (out += `${text}\n`),
    err: (text) => (err += `${text}\n`),
    write: (text) => (out += text),
    readFile: (path) => readFile(path, "utf8"),
    env: options.env ?? { SLUICE_URL: server?.url, SLUICE_TOKEN: "test-token" },
    cwd: options.cwd ?? "/nonexistent-cwd",
    isTTY: options.isTTY ?? false,
    now: () => clock,
    sleep: async (ms) => {
      clock += ms;
      options.onSleep?.(ms);
    },
  };
  const code = await command(argv, io);
  return { code, out, err };
}
