import { spawn } from "node:child_process";
import { Duplex, PassThrough } from "node:stream";
import { constants, createDeflateRaw, createGzip, createGunzip, createInflateRaw } from "node:zlib";
import { SluiceError } from "../../core/index.js";
import type { Codec } from "./file-format.js";

/** ADF's `compressionLevel`: `Optimal` (default) or `Fastest`. */
export type CompressionLevel = "Optimal" | "Fastest";

/**
 * A stream that decompresses `codec` (undefined for `none`). gzip and deflate (raw DEFLATE, as
 * .NET's DeflateStream that ADF uses writes it) come from zlib; bzip2 from the system's
 * `bzip2` program, the well-kept implementation every Linux ships (no npm package does it
 * as fast).
 */
export function decompressor(codec: Codec): Duplex | undefined {
  switch (codec) {
    case "none":
      return undefined;
    case "gzip":
      return createGunzip();
    case "deflate":
      return createInflateRaw();
    case "bzip2":
      return bzip2Process(["-dc"]);
  }
}

/** A stream that compresses with `codec` at `level` (undefined for `none`). */
export function compressor(codec: Codec, level: CompressionLevel = "Optimal"): Duplex | undefined {
  const zlibLevel = level === "Fastest" ? constants.Z_BEST_SPEED : constants.Z_DEFAULT_COMPRESSION;
  switch (codec) {
    case "none":
      return undefined;
    case "gzip":
      return createGzip({ level: zlibLevel });
    case "deflate":
      return createDeflateRaw({ level: zlibLevel });
    case "bzip2":
      return bzip2Process(level === "Fastest" ? ["-c", "-1"] : ["-c", "-9"]);
  }
}

/** Reads ADF's `compressionLevel` (`Optimal` when absent). */
export function compressionLevelOf(value: unknown): CompressionLevel {
  if (value === undefined || value === null || value === "") return "Optimal";
  if (value === "Optimal" || value === "Fastest") return value;
  throw new SluiceError(
    "InvalidArgument",
    `compressionLevel '${String(value)}' is not valid; allowed: Optimal, Fastest.`,
    { details: { field: "compressionLevel", value, allowed: ["Optimal", "Fastest"] } },
  );
}

function bzip2Process(args: readonly string[]): Duplex {
  const child = spawn("bzip2", args, { stdio: ["pipe", "pipe", "pipe"] });
  // The output ends only once bzip2 exits 0: a corrupt input must fail the stream, not end it.
  const output = new PassThrough();
  child.stdout.pipe(output, { end: false });
  const stream = Duplex.from({ writable: child.stdin, readable: output });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-2000);
  });
  child.on("error", (error: NodeJS.ErrnoException) => {
    const message =
      error.code === "ENOENT"
        ? "bzip2 compression needs the 'bzip2' program on this machine (Debian: apt-get install bzip2)."
        : `bzip2 could not start: ${error.message}`;
    stream.destroy(new SluiceError("InvalidArgument", message, { cause: error }));
  });
  child.on("close", (code) => {
    if (code === 0) output.end();
    else stream.destroy(new Error(`bzip2 failed (exit code ${String(code)}): ${stderr.trim()}`));
  });
  stream.on("close", () => {
    if (child.exitCode === null) child.kill();
  });
  return stream;
}
