import { SluiceError } from "../../core/index.js";
import type { Codec, TabularFormat } from "./file-format.js";
import { sqlString } from "./sql-text.js";

/** Sink `formatSettings` that shape written files (ADF's `*WriteSettings`). */
export interface WriteSettings {
  /** DelimitedText `quoteAllText`: quote every value. */
  readonly quoteAllText?: boolean;
  /** Json `filePattern`: `setOfObjects` (one object a line, default) or `arrayOfObjects`. */
  readonly filePattern?: "setOfObjects" | "arrayOfObjects";
}

/** How DuckDB writes a format, and what compression is left to apply while landing it. */
export interface CopyTo {
  /** The `COPY ... TO` options, without the parentheses. */
  readonly options: string;
  /** Compression DuckDB does not write (deflate, bzip2), applied after. */
  readonly compressAfter: Codec;
}

/**
 * DuckDB's `COPY` options writing `format` as ADF writes it: DelimitedText with its
 * delimiter, quote, escape, header and null text, rows ending in `\r\n` unless the dataset
 * says otherwise; JSON as lines or one array; Parquet with its codec. gzip is written by
 * DuckDB; deflate and bzip2 after. Only UTF-8 text is written.
 */
export function copyToOptions(format: TabularFormat, settings: WriteSettings): CopyTo {
  if (format.kind === "parquet") {
    return { options: `FORMAT parquet, COMPRESSION ${format.codec}`, compressAfter: "none" };
  }
  // Avro is not written by DuckDB's COPY (see select-writer.ts); it compresses its own blocks.
  if (format.kind === "avro") return { options: "", compressAfter: "none" };
  if (format.encoding !== "utf-8") {
    throw new SluiceError(
      "InvalidArgument",
      `The sink dataset's encodingName '${format.encoding}' cannot be written yet; Sluice writes text files as UTF-8.`,
      { details: { field: "encodingName", value: format.encoding, allowed: ["UTF-8"] } },
    );
  }
  const gzip = format.compression === "gzip";
  const compression = `COMPRESSION ${gzip ? "gzip" : "none"}`;
  const compressAfter = gzip ? "none" : format.compression;
  if (format.kind === "json") {
    const array = settings.filePattern === "arrayOfObjects";
    return { options: `FORMAT json, ARRAY ${String(array)}, ${compression}`, compressAfter };
  }
  const options = [
    "FORMAT csv",
    `HEADER ${String(format.firstRowAsHeader)}`,
    `DELIMITER ${sqlString(format.columnDelimiter)}`,
    `QUOTE ${sqlString(format.quoteChar)}`,
    `ESCAPE ${sqlString(format.escapeChar === "" ? format.quoteChar : format.escapeChar)}`,
    `NULLSTR ${sqlString(format.nullValue)}`,
    `NEW_LINE ${sqlString(format.rowDelimiter ?? "\r\n")}`,
    compression,
  ];
  if (settings.quoteAllText === true) options.push("FORCE_QUOTE *");
  return { options: options.join(", "), compressAfter };
}

/** Reads a sink's `formatSettings`. */
export function writeSettingsOf(formatSettings: unknown): WriteSettings {
  if (formatSettings === null || typeof formatSettings !== "object") return {};
  const settings = formatSettings as Record<string, unknown>;
  const pattern = settings.filePattern;
  return {
    quoteAllText: settings.quoteAllText === true || settings.quoteAllText === "true",
    ...(pattern === "arrayOfObjects" || pattern === "setOfObjects" ? { filePattern: pattern } : {}),
  };
}
