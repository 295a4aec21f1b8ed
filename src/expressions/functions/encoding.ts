import { fail } from "../expression-error.js";
import { toText } from "../value-text.js";
import { BinaryValue, XmlValue } from "../values.js";
import { expectString, rejectArgument } from "./argument-checks.js";
import {
  base64Of,
  bytesOfBase64,
  charsetOf,
  parseDataUri,
  percentDecode,
  percentDecodeBytes,
  percentEncode,
  utf8Bytes,
  utf8Text,
  type DataUri,
} from "./byte-text.js";
import { defineFunction, type FunctionDefinition } from "./function-definition.js";

/**
 * ADF's encoding conversions: base64, data URIs, URI components and binary content. Text is
 * UTF-8 throughout. Binary results are BinaryValue; `string()` of one is its UTF-8 text.
 */

const octetStream = "application/octet-stream";

function badValue(fn: string, value: string, what: string): never {
  const shown = value.length > 100 ? `${value.slice(0, 100)}...` : value;
  return fail("ExpressionArgumentValue", `${fn}() expects ${what}, but got '${shown}'.`, {
    function: fn,
    value: shown,
  });
}

/** The bytes and content type of a value for `dataUri`/`base64`: text as UTF-8, binary as is. */
function contentOf(
  fn: string,
  args: readonly unknown[],
): { bytes: Uint8Array; contentType: string } {
  const value = args[0];
  if (typeof value === "string")
    return { bytes: utf8Bytes(value), contentType: "text/plain;charset=utf-8" };
  if (value instanceof BinaryValue) return { bytes: value.bytes, contentType: value.contentType };
  if (value instanceof XmlValue)
    return { bytes: utf8Bytes(value.text), contentType: "application/xml;charset=utf-8" };
  if (value === null || value === undefined)
    return rejectArgument(fn, args, 0, "a string or binary content");
  return { bytes: utf8Bytes(toText(value)), contentType: "application/json;charset=utf-8" };
}

function base64Bytes(fn: string, args: readonly unknown[]): Uint8Array {
  const text = expectString(fn, args, 0);
  return bytesOfBase64(text) ?? badValue(fn, text, "base64-encoded text");
}

function dataUriOf(fn: string, args: readonly unknown[]): DataUri {
  const text = expectString(fn, args, 0);
  return (
    parseDataUri(text) ??
    badValue(fn, text, "a data URI such as 'data:text/plain;charset=utf-8;base64,aGVsbG8='")
  );
}

const base64ToString = (fn: string) =>
  defineFunction(fn, 1, 1, (args) => utf8Text(base64Bytes(fn, args)));
const dataUriToBinary = (fn: string) =>
  defineFunction(fn, 1, 1, (args) => {
    const { bytes, contentType } = dataUriOf(fn, args);
    return new BinaryValue(bytes, contentType);
  });

const dataUriToString = defineFunction("dataUriToString", 1, 1, (args) => {
  const { bytes, contentType } = dataUriOf("dataUriToString", args);
  const charset = charsetOf(contentType) ?? "utf-8";
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return badValue(
      "dataUriToString",
      contentType,
      "a data URI whose charset is one Sluice can decode",
    );
  }
});

const uriComponentToString = (fn: string) =>
  defineFunction(fn, 1, 1, (args) => {
    const text = expectString(fn, args, 0);
    return (
      percentDecode(text) ??
      badValue(fn, text, "URI-encoded text (each '%' followed by two hex digits, encoding UTF-8)")
    );
  });

const uriComponent = (fn: string) =>
  defineFunction(fn, 1, 1, (args) => percentEncode(expectString(fn, args, 0)));

/** ADF's encoding functions (part of its conversion category). */
export const encodingFunctions: readonly FunctionDefinition[] = [
  defineFunction("base64", 1, 1, (args) => {
    const value = args[0];
    if (value instanceof BinaryValue) return base64Of(value.bytes);
    return base64Of(utf8Bytes(expectString("base64", args, 0)));
  }),
  defineFunction(
    "base64ToBinary",
    1,
    1,
    (args) => new BinaryValue(base64Bytes("base64ToBinary", args), octetStream),
  ),
  base64ToString("base64ToString"),
  base64ToString("decodeBase64"),
  defineFunction(
    "binary",
    1,
    1,
    (args) => new BinaryValue(contentOf("binary", args).bytes, octetStream),
  ),
  defineFunction("dataUri", 1, 1, (args) => {
    const { bytes, contentType } = contentOf("dataUri", args);
    return `data:${contentType};base64,${base64Of(bytes)}`;
  }),
  dataUriToBinary("dataUriToBinary"),
  dataUriToBinary("decodeDataUri"),
  dataUriToString,
  uriComponent("uriComponent"),
  uriComponent("encodeUriComponent"),
  uriComponentToString("uriComponentToString"),
  uriComponentToString("decodeUriComponent"),
  defineFunction("uriComponentToBinary", 1, 1, (args) => {
    const text = expectString("uriComponentToBinary", args, 0);
    const bytes =
      percentDecodeBytes(text) ?? badValue("uriComponentToBinary", text, "URI-encoded text");
    return new BinaryValue(bytes, octetStream);
  }),
];
