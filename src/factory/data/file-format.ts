import { SluiceError } from "../../core/index.js";
import type { ResolvedDefinition } from "../connections/resolve-definition.js";

/** A compression codec of a file dataset; `none` when the files are stored as they are. */
export type Codec = "none" | "gzip" | "deflate" | "bzip2";

/** How a DelimitedText dataset's files are laid out (ADF's defaults filled in). */
export interface DelimitedFormat {
  readonly kind: "delimited";
  /** Default `,`. */
  readonly columnDelimiter: string;
  /** `\n`, `\r\n` or `\r`; undefined: any of them on read, `\r\n` on write (as ADF's Copy). */
  readonly rowDelimiter: string | undefined;
  /** Default `"`; `""` turns quoting off. */
  readonly quoteChar: string;
  /** Default `\`; `""` turns escaping off. */
  readonly escapeChar: string;
  /** Default false: columns are then named `Prop_0`, `Prop_1`... as ADF names them. */
  readonly firstRowAsHeader: boolean;
  /** The text that stands for null; default `""`. */
  readonly nullValue: string;
  /** Lower-cased WHATWG label; default `utf-8`. */
  readonly encoding: string;
  readonly compression: Codec;
}

export interface JsonFormat {
  readonly kind: "json";
  readonly encoding: string;
  readonly compression: Codec;
}

export interface ParquetFormat {
  readonly kind: "parquet";
  /** DuckDB's name of the codec; ADF's default is snappy. */
  readonly codec: "snappy" | "gzip" | "uncompressed";
}

/** ADF's Avro dataset: the codec and deflate level Sluice writes with (reads take the file's own). */
export interface AvroFormat {
  readonly kind: "avro";
  /** The Avro container codec name (`null` is Avro's name for none). */
  readonly codec: "null" | "deflate" | "snappy";
  /** `avroCompressionLevel` for deflate, 1 (fastest) to 9 (smallest); undefined: zlib's default. */
  readonly level: number | undefined;
}

export interface BinaryFormat {
  readonly kind: "binary";
  readonly compression: Codec;
}

/** The format of a file dataset, read from its `type` and `typeProperties`. */
export type FileFormat = DelimitedFormat | JsonFormat | ParquetFormat | AvroFormat | BinaryFormat;

/** A tabular format (one that has rows and columns). */
export type TabularFormat = DelimitedFormat | JsonFormat | ParquetFormat | AvroFormat;

const formatTypes = ["DelimitedText", "Json", "Parquet", "Avro", "Binary"];
const codecs: readonly Codec[] = ["none", "gzip", "deflate", "bzip2"];

/**
 * The file format of a dataset (parameters bound). Types and settings Sluice cannot read or
 * write (Orc, Excel, Xml; ZipDeflate, Tar, Lz4, LZO codecs; custom row delimiters)
 * are refused with `InvalidArgument` naming the field, the value and what is allowed.
 */
export function fileFormatOf(dataset: ResolvedDefinition): FileFormat {
  const props = dataset.typeProperties;
  const field = (name: string): string => `dataset '${dataset.name}' typeProperties.${name}`;
  switch (dataset.type.toLowerCase()) {
    case "delimitedtext":
      return delimitedFormat(props, field);
    case "json":
      return {
        kind: "json",
        encoding: encodingOf(props.encodingName, field("encodingName")),
        compression: codecOf(compressionType(props.compression), field("compression.type")),
      };
    case "parquet":
      return { kind: "parquet", codec: parquetCodec(props.compressionCodec, field) };
    case "avro":
      return avroFormat(props, field);
    case "restresource":
      // A REST source's response is JSON (one page as sent, several as JSON lines).
      return { kind: "json", encoding: "utf-8", compression: "none" };
    case "binary":
      return {
        kind: "binary",
        compression: codecOf(compressionType(props.compression), field("compression.type")),
      };
    default:
      throw new SluiceError(
        "InvalidArgument",
        `Dataset '${dataset.name}' is of type '${dataset.type}', whose files Sluice cannot read or write${whyNot(dataset.type)}; supported: ${formatTypes.join(", ")}.`,
        { details: { field: "type", value: dataset.type, allowed: formatTypes } },
      );
  }
}

// ORC: no maintained ORC reader and writer exists for Node.js, and DuckDB has no ORC
// extension (none is built in, and extensions are never downloaded).
function whyNot(type: string): string {
  return type.toLowerCase() === "orc"
    ? " (no maintained ORC library is available to it; GetMetadata on ORC files works)"
    : " yet";
}

function delimitedFormat(
  props: Readonly<Record<string, unknown>>,
  field: (name: string) => string,
): DelimitedFormat {
  const rowDelimiter = optionalText(props.rowDelimiter, field("rowDelimiter"));
  if (rowDelimiter !== undefined && !["\n", "\r\n", "\r"].includes(rowDelimiter)) {
    throw new SluiceError(
      "InvalidArgument",
      `${field("rowDelimiter")} ${JSON.stringify(rowDelimiter)} is not supported; allowed: "\\n", "\\r\\n", "\\r" (or none: any of them).`,
      { details: { field: "rowDelimiter", value: rowDelimiter, allowed: ["\n", "\r\n", "\r"] } },
    );
  }
  const columnDelimiter = optionalText(props.columnDelimiter, field("columnDelimiter")) ?? ",";
  if (columnDelimiter === "" || columnDelimiter.length > 4) {
    throw new SluiceError(
      "InvalidArgument",
      `${field("columnDelimiter")} ${JSON.stringify(columnDelimiter)} is not valid: give one to four characters (default ",").`,
      { details: { field: "columnDelimiter", value: columnDelimiter } },
    );
  }
  return {
    kind: "delimited",
    columnDelimiter,
    rowDelimiter: rowDelimiter === "" ? undefined : rowDelimiter,
    quoteChar: singleChar(props.quoteChar, '"', field("quoteChar")),
    escapeChar: singleChar(props.escapeChar, "\\", field("escapeChar")),
    firstRowAsHeader: flag(props.firstRowAsHeader, field("firstRowAsHeader")),
    nullValue: optionalText(props.nullValue, field("nullValue")) ?? "",
    encoding: encodingOf(props.encodingName, field("encodingName")),
    compression: codecOf(props.compressionCodec, field("compressionCodec")),
  };
}

function parquetCodec(value: unknown, field: (name: string) => string): ParquetFormat["codec"] {
  const codec = optionalText(value, field("compressionCodec"))?.toLowerCase() ?? "snappy";
  if (codec === "snappy" || codec === "gzip") return codec;
  if (codec === "none" || codec === "uncompressed") return "uncompressed";
  const allowed = ["none", "gzip", "snappy"];
  throw new SluiceError(
    "InvalidArgument",
    `${field("compressionCodec")} '${codec}' is not supported for Parquet; allowed: ${allowed.join(", ")}.`,
    { details: { field: "compressionCodec", value: codec, allowed } },
  );
}

function avroFormat(
  props: Readonly<Record<string, unknown>>,
  field: (name: string) => string,
): AvroFormat {
  const name = optionalText(props.avroCompressionCodec, field("avroCompressionCodec"));
  const codec = name === undefined || name === "" ? "none" : name.toLowerCase();
  const allowed = ["none", "deflate", "snappy"];
  if (!allowed.includes(codec)) {
    throw new SluiceError(
      "InvalidArgument",
      `${field("avroCompressionCodec")} '${codec}' is not supported for Avro; allowed: ${allowed.join(", ")}.`,
      { details: { field: "avroCompressionCodec", value: codec, allowed } },
    );
  }
  const raw = props.avroCompressionLevel;
  const level = raw === undefined || raw === null || raw === "" ? undefined : Number(raw);
  if (level !== undefined && !(Number.isInteger(level) && level >= 1 && level <= 9)) {
    throw new SluiceError(
      "InvalidArgument",
      `${field("avroCompressionLevel")} ${JSON.stringify(raw)} is not valid: give a whole number from 1 (fastest) to 9 (smallest).`,
      { details: { field: "avroCompressionLevel", value: raw, allowed: "1-9" } },
    );
  }
  return { kind: "avro", codec: codec === "none" ? "null" : (codec as AvroFormat["codec"]), level };
}

function compressionType(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "object" && !Array.isArray(value)) return (value as { type?: unknown }).type;
  return value;
}

function codecOf(value: unknown, field: string): Codec {
  const text = optionalText(value, field)?.toLowerCase() ?? "none";
  const codec = text === "" ? "none" : text;
  if ((codecs as readonly string[]).includes(codec)) return codec as Codec;
  throw new SluiceError(
    "InvalidArgument",
    `${field} '${String(value)}' is not supported; allowed: ${codecs.join(", ")} (ZipDeflate, Tar, TarGZip, Lz4 and Snappy are not yet).`,
    { details: { field, value, allowed: codecs } },
  );
}

function encodingOf(value: unknown, field: string): string {
  const name = optionalText(value, field)?.trim().toLowerCase() ?? "utf-8";
  const label = name === "" || name === "utf8" ? "utf-8" : name;
  try {
    // The WHATWG decoder names what Node can read; anything it does not know is refused here.
    new TextDecoder(label);
  } catch {
    throw new SluiceError(
      "InvalidArgument",
      `${field} '${String(value)}' is not an encoding Sluice knows; use a WHATWG name such as UTF-8, UTF-16, ISO-8859-1 or windows-1252.`,
      { details: { field, value } },
    );
  }
  return label;
}

function singleChar(value: unknown, fallback: string, field: string): string {
  const text = optionalText(value, field) ?? fallback;
  if (text.length > 1) {
    throw new SluiceError(
      "InvalidArgument",
      `${field} ${JSON.stringify(text)} must be a single character or "" (none).`,
      { details: { field, value: text } },
    );
  }
  return text;
}

function flag(value: unknown, field: string): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "false") return value === "true";
  throw new SluiceError("InvalidArgument", `${field} must be true or false.`, {
    details: { field, value },
  });
}

function optionalText(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  throw new SluiceError(
    "InvalidArgument",
    `${field} must be a string, but it is ${JSON.stringify(value)}.`,
    {
      details: { field, value },
    },
  );
}

/** True for the formats with rows and columns. */
export function isTabular(format: FileFormat): format is TabularFormat {
  return format.kind !== "binary";
}

/** The usual file extension of a format, with its compression (`.csv.gz`, `.parquet`). */
export function formatExtension(format: FileFormat): string {
  const base = { delimited: ".txt", json: ".json", parquet: ".parquet", avro: ".avro", binary: "" }[
    format.kind
  ];
  // Parquet and Avro compress inside the file: the name keeps its plain extension.
  const codec = format.kind === "parquet" || format.kind === "avro" ? "none" : format.compression;
  const suffix = { none: "", gzip: ".gz", deflate: ".deflate", bzip2: ".bz2" }[codec];
  return base + suffix;
}
