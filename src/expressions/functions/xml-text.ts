import type { XmlDocumentModel, XmlElement, XmlNode } from "./xml-document.js";

/**
 * Prints the XML model as .NET's `XmlNode.OuterXml` does: double-quoted attributes, `<a />`
 * for empty elements, no added white space. A node printed outside its document declares the
 * namespaces of its elements (`<location xmlns="https://contoso.com">Paris</location>`).
 */

function escapeText(value: string): string {
  return value.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
}

function escapeAttribute(value: string): string {
  return value.replace(/[&<>"]/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;",
  );
}

/** Prefix ("" for the default namespace) to namespace URI, as declared so far in the output. */
type NamespaceScope = ReadonlyMap<string, string>;

function prefixOf(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? "" : name.slice(0, colon);
}

function elementText(element: XmlElement, scope: NamespaceScope): string {
  const inner = new Map(scope);
  let attributes = "";
  for (const { name, value } of element.attributes) {
    if (name === "xmlns") inner.set("", value);
    else if (name.startsWith("xmlns:")) inner.set(name.slice(6), value);
    attributes += ` ${name}="${escapeAttribute(value)}"`;
  }
  const prefix = prefixOf(element.name);
  const wanted = element.namespace ?? "";
  if ((inner.get(prefix) ?? "") !== wanted && (element.namespace !== null || prefix === "")) {
    inner.set(prefix, wanted);
    attributes += ` ${prefix ? `xmlns:${prefix}` : "xmlns"}="${escapeAttribute(wanted)}"`;
  }
  const open = `<${element.name}${attributes}`;
  if (element.children.length === 0)
    return element.isEmpty ? `${open} />` : `${open}></${element.name}>`;
  return `${open}>${element.children.map((child) => nodeText(child, inner)).join("")}</${element.name}>`;
}

function nodeText(node: XmlNode, scope: NamespaceScope): string {
  switch (node.kind) {
    case "element":
      return elementText(node, scope);
    case "text":
      return escapeText(node.value);
    case "cdata":
      return `<![CDATA[${node.value}]]>`;
    case "comment":
      return `<!--${node.value}-->`;
    case "instruction":
      return node.data ? `<?${node.target} ${node.data}?>` : `<?${node.target}?>`;
  }
}

/** One node as `OuterXml`, declaring the namespaces it needs. */
export function xmlNodeText(node: XmlNode): string {
  return nodeText(node, new Map());
}

/** The whole document as `XmlDocument.OuterXml`. */
export function xmlDocumentText(document: XmlDocumentModel): string {
  let text = "";
  const declaration = document.declaration;
  if (declaration) {
    text += `<?xml version="${declaration.version}"`;
    if (declaration.encoding !== undefined) text += ` encoding="${declaration.encoding}"`;
    if (declaration.standalone !== undefined) text += ` standalone="${declaration.standalone}"`;
    text += "?>";
  }
  for (const child of document.children) text += nodeText(child, new Map());
  return text;
}
