import { fail } from "../expression-error.js";
import { toText } from "../value-text.js";
import { isPlainObject } from "../values.js";
import {
  type XmlDeclaration,
  type XmlDocumentModel,
  type XmlElement,
  type XmlNode,
} from "./xml-document.js";

/**
 * XML to JSON and back, with the rules of JSON.NET's XmlNodeConverter that ADF's `json(xml())`
 * and `xml(json())` use: attributes become `"@name"`, mixed text `"#text"`, CDATA
 * `"#cdata-section"`, the declaration `"?xml"`; same-named siblings become one array at the
 * place of the first; an element with only text becomes that string, an empty `<a/>` null and
 * `<a></a>` "".
 */

// JSON.NET writes a lone comment as a JSON comment, which vanishes on parsing; only a group
// of comments leaves a trace, an empty "#comment" array.
const dropped = Symbol("dropped");

function propertyName(node: XmlNode): string {
  switch (node.kind) {
    case "element":
      return node.name;
    case "text":
      return "#text";
    case "cdata":
      return "#cdata-section";
    case "comment":
      return "#comment";
    case "instruction":
      return `?${node.target}`;
  }
}

function nodeValue(node: XmlNode): unknown {
  switch (node.kind) {
    case "element":
      return elementValue(node);
    case "comment":
      return dropped;
    case "instruction":
      return node.data;
    default:
      return node.value;
  }
}

/** Adds `nodes` to `target` grouped by property name, in order of first appearance. */
function addGrouped(target: Record<string, unknown>, nodes: readonly XmlNode[]): void {
  const groups = new Map<string, XmlNode[]>();
  for (const node of nodes) {
    const name = propertyName(node);
    const group = groups.get(name);
    if (group) group.push(node);
    else groups.set(name, [node]);
  }
  for (const [name, group] of groups) {
    const only = group.length === 1 ? group[0] : undefined;
    if (only) {
      const value = nodeValue(only);
      if (value !== dropped) setData(target, name, value);
    } else {
      setData(
        target,
        name,
        group.map(nodeValue).filter((value) => value !== dropped),
      );
    }
  }
}

function setData(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function elementValue(element: XmlElement): unknown {
  const [first] = element.children;
  if (element.attributes.length === 0 && element.children.length === 1 && first?.kind === "text")
    return first.value;
  if (element.attributes.length === 0 && element.children.length === 0)
    return element.isEmpty ? null : "";
  const result: Record<string, unknown> = {};
  for (const { name, value } of element.attributes) setData(result, `@${name}`, value);
  addGrouped(result, element.children);
  return result;
}

/** The JSON value `json(xml(...))` returns for a parsed document. */
export function xmlToJson(document: XmlDocumentModel): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const declaration = document.declaration;
  if (declaration) {
    const value: Record<string, unknown> = { "@version": declaration.version };
    if (declaration.encoding !== undefined) value["@encoding"] = declaration.encoding;
    if (declaration.standalone !== undefined) value["@standalone"] = declaration.standalone;
    result["?xml"] = value;
  }
  addGrouped(result, document.children);
  return result;
}

function notConvertible(reason: string): never {
  return fail("ExpressionBadXml", `xml() cannot convert the object to XML: ${reason}.`, {
    function: "xml",
  });
}

const namePattern = /^[\p{L}_][\p{L}\p{N}_.\-\u00B7]*(?::[\p{L}_][\p{L}\p{N}_.\-\u00B7]*)?$/u;

const nameStartChar = /[\p{L}_:]/u;
const nameChar = /[\p{L}\p{N}\p{Mn}\p{Mc}_:.\-\u00B7]/u;

/**
 * A JSON property name made a valid XML name as .NET's `XmlConvert.EncodeName` does: each
 * character not allowed where it stands becomes `_xHHHH_` (`ro ot` is `ro_x0020_ot`, `#comment`
 * is `_x0023_comment`), and a `_` that would read as such an escape becomes `_x005F_`.
 */
export function encodeXmlName(name: string): string {
  let result = "";
  let offset = 0;
  for (const char of name) {
    if (char === "_" && /^_x[0-9A-Fa-f]{4}_/.test(name.slice(offset))) result += "_x005F_";
    else if ((offset === 0 ? nameStartChar : nameChar).test(char)) result += char;
    else {
      const code = char.codePointAt(0) ?? 0;
      result += `_x${code
        .toString(16)
        .toUpperCase()
        .padStart(code > 0xffff ? 8 : 4, "0")}_`;
    }
    offset += char.length;
  }
  return result;
}

/** An XML text value of a JSON scalar, as JSON.NET writes it (booleans lowercase). */
function scalarText(value: unknown): string {
  if (typeof value === "boolean") return value ? "true" : "false";
  return toText(value);
}

/** Prefix ("" for the default namespace) to namespace URI. */
type Scope = ReadonlyMap<string, string>;

class XmlBuilder {
  /** Element `name` for JSON `value` (null: empty element; object: attributes and children). */
  element(key: string, value: unknown, outer: Scope): XmlElement {
    const name = encodeXmlName(key);
    if (!namePattern.test(name)) notConvertible(`'${key}' is not a valid XML element name`);
    if (!isPlainObject(value)) {
      const children: XmlNode[] =
        value === null || value === undefined ? [] : [{ kind: "text", value: scalarText(value) }];
      return this.make(name, [], children, outer);
    }
    const entries = Object.entries(value);
    const attributes = entries
      .filter(([key]) => key.startsWith("@"))
      .map(([key, item]) => ({
        name: encodeXmlName(key.slice(1)),
        value: this.attributeValue(key, item),
      }));
    const scope = this.scopeOf(attributes, outer);
    const children = entries
      .filter(([key]) => !key.startsWith("@"))
      .flatMap(([key, item]) => this.content(key, item, scope));
    return this.make(name, attributes, children, scope);
  }

  private attributeValue(key: string, value: unknown): string {
    if (Array.isArray(value) || isPlainObject(value))
      notConvertible(`the attribute '${key}' must have a simple value`);
    return value === null || value === undefined ? "" : scalarText(value);
  }

  private scopeOf(attributes: readonly { name: string; value: string }[], outer: Scope): Scope {
    if (!attributes.some((a) => a.name === "xmlns" || a.name.startsWith("xmlns:"))) return outer;
    const scope = new Map(outer);
    for (const a of attributes) {
      if (a.name === "xmlns") scope.set("", a.value);
      else if (a.name.startsWith("xmlns:")) scope.set(a.name.slice(6), a.value);
    }
    return scope;
  }

  private make(
    name: string,
    attributes: { name: string; value: string }[],
    children: XmlNode[],
    scope: Scope,
  ): XmlElement {
    const colon = name.indexOf(":");
    const prefix = colon < 0 ? "" : name.slice(0, colon);
    const namespace = scope.get(prefix) || null;
    // An undeclared prefix is dropped, as Logic Apps' engine does (`{"ro:ot": 1}` is <ot>1</ot>).
    const undeclared = prefix !== "" && namespace === null && prefix !== "xml";
    return {
      kind: "element",
      name: undeclared ? name.slice(colon + 1) : name,
      namespace,
      attributes,
      children,
      isEmpty: children.length === 0,
    };
  }

  /** The nodes a property `key` with `value` adds inside an element. */
  content(key: string, value: unknown, scope: Scope): XmlNode[] {
    const items = Array.isArray(value) ? value : [value];
    if (key === "#text" || key === "#whitespace" || key === "#significant-whitespace") {
      return items
        .filter((item) => item !== null)
        .map((item) => ({ kind: "text", value: scalarText(item) }));
    }
    if (key === "#cdata-section") {
      return items
        .filter((item) => item !== null)
        .map((item) => {
          const value = scalarText(item);
          if (value.includes("]]>")) notConvertible("a CDATA section cannot contain ']]>'");
          return { kind: "cdata", value };
        });
    }
    if (key.startsWith("?")) {
      return items.map((item) => ({
        kind: "instruction",
        target: key.slice(1),
        data: scalarText(item),
      }));
    }
    // A nested array becomes an element of the same name around its items (JSON.NET).
    return items.map((item) =>
      Array.isArray(item)
        ? this.make(
            key,
            [],
            item.flatMap((inner: unknown) => this.content(key, [inner], scope)),
            scope,
          )
        : this.element(key, item, scope),
    );
  }
}

function declarationOf(value: unknown): XmlDeclaration {
  if (!isPlainObject(value)) notConvertible("'?xml' must be an object with '@version'");
  const text = (key: string): string | undefined =>
    value[key] === undefined || value[key] === null ? undefined : scalarText(value[key]);
  return {
    version: text("@version") ?? "1.0",
    encoding: text("@encoding"),
    standalone: text("@standalone"),
  };
}

/**
 * The XML document `xml(object)` makes: the object must have one root property (besides an
 * optional `"?xml"`), whose value is not an array of several items. `{}` gives an empty document.
 */
export function jsonToXml(object: Record<string, unknown>): XmlDocumentModel {
  const builder = new XmlBuilder();
  let declaration: XmlDeclaration | undefined;
  const children: XmlNode[] = [];
  for (const [key, value] of Object.entries(object)) {
    if (key === "?xml") {
      declaration = declarationOf(value);
      continue;
    }
    if (key.startsWith("@") || key.startsWith("#")) {
      notConvertible(
        `the root object cannot have the property '${key}'; it needs one element property`,
      );
    }
    const nodes = builder.content(key, value, new Map());
    const elements =
      children.filter((node) => node.kind === "element").length +
      nodes.filter((node) => node.kind === "element").length;
    if (elements > 1) {
      notConvertible(
        "the JSON object must have only one root property, and its value cannot be an array of several items",
      );
    }
    children.push(...nodes);
  }
  return { declaration, children };
}
