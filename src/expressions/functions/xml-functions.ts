import type { Node as XmlDomNode } from "@xmldom/xmldom";
import xpathLibrary from "xpath";
import { fail } from "../expression-error.js";
import { BinaryValue, XmlValue, isPlainObject, makeFloat } from "../values.js";
import { expectString, rejectArgument } from "./argument-checks.js";
import { defineFunction, type FunctionDefinition } from "./function-definition.js";
import {
  badXml,
  locateSource,
  parseDom,
  parseXml,
  stripWhitespaceText,
  toModel,
} from "./xml-document.js";
import { jsonToXml, xmlToJson } from "./xml-json.js";
import { xmlDocumentText, xmlNodeText } from "./xml-text.js";

/** `xml(value)`: XML text re-printed as .NET prints it, or a JSON object converted to XML. */
export const xml = defineFunction("xml", 1, 1, (args) => {
  const value = args[0];
  if (typeof value === "string") return new XmlValue(xmlDocumentText(parseXml("xml", value)));
  if (value instanceof XmlValue) return value;
  // Binary content is taken as XML unchecked, as ADF does; json() or xpath() check it later.
  if (value instanceof BinaryValue) return new XmlValue(new TextDecoder().decode(value.bytes));
  if (isPlainObject(value)) return new XmlValue(xmlDocumentText(jsonToXml(value)));
  return rejectArgument("xml", args, 0, "a string with XML or an object");
});

/** True for an encoding name json() can read the XML's bytes with (one that is ASCII-based). */
function isReadableEncoding(name: string): boolean {
  try {
    return !new TextDecoder(name).encoding.startsWith("utf-16");
  } catch {
    return false;
  }
}

/**
 * The JSON `json()` makes of an XML value. As Logic Apps' engine, which reads the document's
 * bytes again with the encoding its declaration names: `martian`, `utf-16` and the like fail.
 */
export function jsonOfXml(value: XmlValue): Record<string, unknown> {
  const document = parseXml("json", value.text);
  const encoding = document.declaration?.encoding;
  if (encoding !== undefined && !isReadableEncoding(encoding)) {
    badXml("json", `'${encoding}' is not a supported encoding for the XML's UTF-8 content`);
  }
  return xmlToJson(document);
}

/** A node XPath selected, as ADF returns it: text as a string, anything else as XML. */
function selectedNode(node: XmlDomNode, source: string, lineStarts: readonly number[]): unknown {
  switch (node.nodeType) {
    case 3:
    case 4:
      return node.nodeValue ?? "";
    case 2: {
      const attribute = node as unknown as { name: string; value: string };
      return new XmlValue(
        `${attribute.name}="${attribute.value.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}"`,
      );
    }
    default: {
      const model = toModel(node, source, lineStarts);
      return new XmlValue(model ? xmlNodeText(model) : "");
    }
  }
}

/**
 * `xpath(xml, expression)`, as ADF's page documents it: one matching node gives that node,
 * several (or none) an array; elements come back as XML, text as strings. `sum()`/`count()`
 * give a float, `string()` a string, a comparison a boolean.
 */
export const xpath = defineFunction("xpath", 2, 2, (args) => {
  const input = args[0];
  let text: string;
  if (input instanceof XmlValue) text = input.text;
  else if (typeof input === "string") text = xmlDocumentText(parseXml("xpath", input));
  else return rejectArgument("xpath", args, 0, "XML (from xml()) or a string with XML");
  const expression = expectString("xpath", args, 1);
  const document = parseDom("xpath", text);
  stripWhitespaceText(document);
  let result: unknown;
  try {
    result = xpathLibrary.select(expression, document as unknown as Node);
  } catch (error) {
    fail(
      "ExpressionBadXml",
      `xpath() cannot evaluate the XPath '${expression}': ${error instanceof Error ? error.message : String(error)}.`,
      {
        function: "xpath",
        xpath: expression,
      },
    );
  }
  if (typeof result === "number") return makeFloat(result);
  if (typeof result === "string" || typeof result === "boolean") return result;
  const { source, lineStarts } = locateSource(text);
  const nodes = Array.isArray(result)
    ? result
    : result === null || result === undefined
      ? []
      : [result];
  const values = nodes.map((node: unknown) => selectedNode(node as XmlDomNode, source, lineStarts));
  // The docs: "An XML node when only a single node matches". (Logic Apps' engine is known to
  // return a one-item array here; ADF's documented contract is followed.)
  return values.length === 1 ? values[0] : values;
});

/** ADF's XML functions (`json()` reads XML through {@link jsonOfXml}). */
export const xmlFunctions: readonly FunctionDefinition[] = [xml, xpath];
