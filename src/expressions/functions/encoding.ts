import { fail } from "../expression-error.js";
import { toText } from "../value-text.js";
import { BinaryValue, XmlValue } from "../values.js";
import { expectString, rejectArgument } from "./argument-checks.js";
import {
  base64Of,
  bytesOfBase64,
  leadingCharset,
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

/** A media type `type/subtype` (or none), as dataUriToBinary requires. */
const mediaTypePattern = /^(?:[^/\s;]+\/[^/\s;]+)?$/;

function isKnownCharset(name: string): boolean {
  try {
    new TextDecoder(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * Logic Apps' engine checks more for binary than for text: `type/subtype`, parameters with at
 * most one `=`, and a known charset when it is the first parameter.
 */
function checkBinaryDataUri(fn: string, text: string, uri: DataUri): void {
  const charset = leadingCharset(uri);
  const problem = !mediaTypePattern.test(uri.mediaType)
    ? `a media type such as 'text/plain' (not '${uri.mediaType}')`
    : uri.parameters.some((parameter) => parameter.split("=").length > 2)
      ? "parameters of the form name=value"
      : charset !== undefined && !isKnownCharset(charset)
        ? `a known charset (not '${charset}')`
        : undefined;
  if (problem) badValue(fn, text, `a data URI with ${problem}`);
}

const dataUriToBinary = (fn: string) =>
  defineFunction(fn, 1, 1, (args) => {
    const uri = dataUriOf(fn, args);
    checkBinaryDataUri(fn, args[0] as string, uri);
    return new BinaryValue(uri.bytes, uri.contentType);
  });

/**
 * The content as UTF-8 text. As Logic Apps' engine: a charset given as the first parameter
 * must be UTF-8 (`charset=ascii` fails), one given later is ignored.
 */
const dataUriToString = defineFunction("dataUriToString", 1, 1, (args) => {
  const uri = dataUriOf("dataUriToString", args);
  const charset = leadingCharset(uri);
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
    return badValue(
      "dataUriToString",
      args[0] as string,
      `a data URI in UTF-8 (charset '${charset}' is not supported)`,
    );
  }
  return utf8Text(uri.bytes);
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
