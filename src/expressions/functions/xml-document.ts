import { DOMParser } from "@xmldom/xmldom";
import type { Document as XmlDomDocument, Node as XmlDomNode } from "@xmldom/xmldom";
import { fail } from "../expression-error.js";

/**
 * A small XML model for `xml()`, `json()` and `xpath()`, read and written the way .NET's
 * XmlDocument does (ADF's engine keeps XML as an XmlDocument): white-space-only text is
 * dropped on load, `<a/>` prints as `<a />`, `<a></a>` stays `<a></a>`, and a node printed on
 * its own declares the namespaces it uses.
 */

export interface XmlAttribute {
  readonly name: string;
  readonly value: string;
}

export interface XmlElement {
  readonly kind: "element";
  /** The qualified name as written (`p:name`). */
  readonly name: string;
  /** The element's namespace URI, or null. */
  readonly namespace: string | null;
  readonly attributes: readonly XmlAttribute[];
  readonly children: readonly XmlNode[];
  /** True for `<a/>` (and elements built empty); false for `<a></a>`. */
  readonly isEmpty: boolean;
}

export type XmlNode =
  | XmlElement
  | { readonly kind: "text" | "cdata" | "comment"; readonly value: string }
  | { readonly kind: "instruction"; readonly target: string; readonly data: string };

export interface XmlDeclaration {
  readonly version: string;
  readonly encoding?: string | undefined;
  readonly standalone?: string | undefined;
}

export interface XmlDocumentModel {
  readonly declaration?: XmlDeclaration | undefined;
  /** Top-level comments and processing instructions, and the one root element. */
  readonly children: readonly XmlNode[];
}

export function badXml(fn: string, reason: string): never {
  return fail("ExpressionBadXml", `${fn}() received XML it cannot read: ${reason}.`, {
    function: fn,
  });
}

const normalizeLineEndings = (text: string): string => text.replace(/\r\n?/g, "\n");

/** Parses XML text into an xmldom Document, strictly (.NET rejects what xmldom only warns about). */
export function parseDom(fn: string, text: string): XmlDomDocument {
  let problem: string | undefined;
  const parser = new DOMParser({
    locator: true,
    normalizeLineEndings,
    onError: (_level, message) => {
      problem ??= message;
      throw new Error(message);
    },
  });
  let document: XmlDomDocument;
  try {
    document = parser.parseFromString(text, "text/xml");
  } catch (error) {
    const message = problem ?? (error instanceof Error ? error.message : String(error));
    return badXml(
      fn,
      message
        .replace(/^\[xmldom \w+\]\s*/, "")
        .replace(/^Error constructing the DOM: \w+: /, "")
        .split("\n")[0] ?? message,
    );
  }
  if (!document.documentElement) badXml(fn, "there is no root element");
  return document;
}

/** Parses XML text into the model, with .NET's rules on the declaration. */
export function parseXml(fn: string, text: string): XmlDocumentModel {
  const document = parseDom(fn, text);
  const { source, lineStarts } = locateSource(text);
  let declaration: XmlDeclaration | undefined;
  const children: XmlNode[] = [];
  for (const node of Array.from(document.childNodes)) {
    if (node.nodeType === 7 && node.nodeName === "xml") {
      declaration = parseDeclaration(fn, node.nodeValue ?? "");
    } else if (node.nodeType === 10) {
      badXml(fn, "document type declarations (DTDs) are not supported");
    } else {
      const converted = toModel(node, source, lineStarts);
      if (converted) children.push(converted);
    }
  }
  return { declaration, children };
}

function parseDeclaration(fn: string, data: string): XmlDeclaration {
  const match =
    /^\s*version\s*=\s*(["'])1\.0\1(?:\s+encoding\s*=\s*(["'])([A-Za-z][\w.-]*)\2)?(?:\s+standalone\s*=\s*(["'])(yes|no)\4)?\s*$/.exec(
      data,
    );
  if (!match)
    badXml(
      fn,
      `the XML declaration '<?xml ${data}?>' is not valid (version="1.0" first, then encoding, then standalone)`,
    );
  return { version: "1.0", encoding: match[3], standalone: match[5] };
}

function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** Whether the start tag at `offset` ends with `/>`; true when the position is unknown. */
function startTagSelfCloses(source: string, offset: number | undefined): boolean {
  if (offset === undefined || source[offset] !== "<") return true;
  let quote: string | undefined;
  for (let i = offset + 1; i < source.length; i++) {
    const c = source[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === ">") {
      return source[i - 1] === "/";
    }
  }
  return true;
}

type Located = XmlDomNode & { lineNumber?: number; columnNumber?: number };

function offsetOf(node: Located, lineStarts: readonly number[]): number | undefined {
  const line = node.lineNumber === undefined ? undefined : lineStarts[node.lineNumber - 1];
  return line === undefined || node.columnNumber === undefined
    ? undefined
    : line + node.columnNumber - 1;
}

/** An xmldom node as a model node; undefined for white-space-only text (dropped as .NET does). */
export function toModel(
  node: XmlDomNode,
  source: string,
  lineStarts: readonly number[],
): XmlNode | undefined {
  switch (node.nodeType) {
    case 1: {
      const element = node as unknown as {
        nodeName: string;
        namespaceURI: string | null;
        attributes: ArrayLike<{ name: string; value: string }>;
      };
      const children: XmlNode[] = [];
      for (const child of Array.from(node.childNodes)) {
        const converted = toModel(child, source, lineStarts);
        if (converted) children.push(converted);
      }
      const attributes = Array.from(element.attributes, (a) => ({ name: a.name, value: a.value }));
      const isEmpty =
        node.childNodes.length === 0 && startTagSelfCloses(source, offsetOf(node, lineStarts));
      return {
        kind: "element",
        name: element.nodeName,
        namespace: element.namespaceURI || null,
        attributes,
        children,
        isEmpty,
      };
    }
    case 3: {
      const value = node.nodeValue ?? "";
      return /^[ \t\n\r]*$/.test(value) ? undefined : { kind: "text", value };
    }
    case 4:
      return { kind: "cdata", value: node.nodeValue ?? "" };
    case 8:
      return { kind: "comment", value: node.nodeValue ?? "" };
    case 7:
      return { kind: "instruction", target: node.nodeName, data: node.nodeValue ?? "" };
    default:
      return undefined;
  }
}

/** Removes white-space-only text nodes, so XPath sees the document .NET would load. */
export function stripWhitespaceText(node: XmlDomNode): void {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 3 && /^[ \t\n\r]*$/.test(child.nodeValue ?? "")) node.removeChild(child);
    else if (child.nodeType === 1) stripWhitespaceText(child);
  }
}

/** The line-normalized source and its line offsets, to read xmldom node positions. */
export function locateSource(text: string): { source: string; lineStarts: number[] } {
  const source = normalizeLineEndings(text);
  return { source, lineStarts: lineStartOffsets(source) };
}
