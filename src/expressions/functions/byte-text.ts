import { Buffer64 } from "../value-text.js";

/**
 * Byte-level helpers for the encoding functions: UTF-8, base64 as .NET's Convert reads it,
 * percent-encoding as .NET's Uri.EscapeDataString writes it. Pure; no Node built-ins.
 */

export function utf8Bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** UTF-8 text of `bytes`; invalid sequences become U+FFFD, as .NET's decoder does. */
export function utf8Text(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

export function base64Of(bytes: Uint8Array): string {
  return Buffer64.encode(bytes);
}

/**
 * Bytes of base64 text, or undefined when it is not base64. Like .NET's
 * Convert.FromBase64String: white space is ignored and padding is required.
 */
export function bytesOfBase64(text: string): Uint8Array | undefined {
  const compact = text.replace(/[ \t\r\n]/g, "");
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  const binary = atob(compact);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const unreserved = /[A-Za-z0-9\-_.~]/;

/**
 * Percent-encodes text as .NET's Uri.EscapeDataString does (RFC 3986): everything but
 * letters, digits and `-_.~` is escaped as UTF-8 bytes with upper-case hex, space as `%20`.
 * Unlike JavaScript's encodeURIComponent, `!'()*` are escaped too.
 */
export function percentEncode(text: string): string {
  let result = "";
  for (const char of text) {
    if (char.length === 1 && unreserved.test(char)) {
      result += char;
    } else {
      for (const byte of utf8Bytes(char))
        result += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    }
  }
  return result;
}

/** Bytes of percent-encoded text, or undefined when a `%` is not followed by two hex digits. */
export function percentDecodeBytes(text: string): Uint8Array | undefined {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === "%") {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return undefined;
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...utf8Bytes(c));
    }
  }
  return Uint8Array.from(bytes);
}

/** Text of percent-encoded text, or undefined when malformed or the bytes are not UTF-8. */
export function percentDecode(text: string): string | undefined {
  const bytes = percentDecodeBytes(text);
  if (!bytes) return undefined;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** A parsed data URI (RFC 2397): its media type, parameters and content bytes. */
export interface DataUri {
  /** The media type and parameters as the content type (`text/plain` when the type is empty). */
  readonly contentType: string;
  /** The media type as written (`""` when absent). */
  readonly mediaType: string;
  /** The parameters after the media type, without the `base64` flag. */
  readonly parameters: readonly string[];
  readonly bytes: Uint8Array;
}

/**
 * Parses `data:[<mediatype>][;base64],<data>`; undefined when it is not a data URI, has an
 * empty parameter (`data:;;base64,...`) or data that does not decode. As Logic Apps' engine:
 * a missing media type gives `text/plain`, and `data:base64,...` is base64 with no type.
 */
export function parseDataUri(text: string): DataUri | undefined {
  if (!/^data:/i.test(text)) return undefined;
  const comma = text.indexOf(",");
  if (comma < 0) return undefined;
  let [mediaType = "", ...parameters] = text.slice(5, comma).split(";");
  let isBase64 = parameters.length > 0 && parameters.at(-1)?.toLowerCase() === "base64";
  if (isBase64) parameters = parameters.slice(0, -1);
  else if (parameters.length === 0 && mediaType.toLowerCase() === "base64") {
    isBase64 = true;
    mediaType = "";
  }
  if (parameters.some((parameter) => parameter === "")) return undefined;
  const data = text.slice(comma + 1);
  // Not base64: URL-encoded, where '+' also means a space (.NET's WebUtility.UrlDecode).
  const bytes = isBase64 ? bytesOfBase64(data) : percentDecodeBytes(data.replace(/\+/g, " "));
  if (!bytes) return undefined;
  const contentType = [mediaType || "text/plain", ...parameters].join(";");
  return { contentType, mediaType, parameters, bytes };
}

/** The value of the data URI's first parameter when that is `charset=...`, else undefined. */
export function leadingCharset(uri: DataUri): string | undefined {
  const match = /^charset=(.*)$/i.exec(uri.parameters[0] ?? "");
  return match?.[1];
}
