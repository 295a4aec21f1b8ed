import { Buffer } from "node:buffer";
import { adf, la, type GoldenCase } from "../golden-case.js";

/** The bytes of an ADF binary value `{"$content-type": ..., "$content": base64}`, or undefined. */
function binaryBytes(value: unknown): Buffer | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const content = (value as Record<string, unknown>)["$content"];
  return typeof content === "string" ? Buffer.from(content, "base64") : undefined;
}

/** True when `value` is binary content whose bits, written as 0s and 1s, are `bits`. */
function hasBits(bits: string): (value: unknown) => boolean {
  return (value) => {
    const bytes = binaryBytes(value);
    if (!bytes) return false;
    return [...bytes].map((b) => b.toString(2).padStart(8, "0")).join("") === bits;
  };
}

/** True when `value` is binary content holding the UTF-8 bytes of `text`. */
function hasBytesOf(text: string): (value: unknown) => boolean {
  return (value) => binaryBytes(value)?.equals(Buffer.from(text, "utf8")) ?? false;
}

/** XML text compared with the whitespace between tags removed (the docs print XML indented). */
function isXml(expected: string): (value: unknown) => boolean {
  const squeeze = (text: string): string => text.replace(/>\s+</g, "><").trim();
  return (value) => typeof value === "string" && squeeze(value) === squeeze(expected);
}

const helloUri = "data:text/plain;charset=utf-8;base64,aGVsbG8=";
const decodedNote =
  "The doc prints the bits of the input text itself, which contradicts its own prose (the binary version of the decoded value) and the matching *ToString example; the check asserts the decoded bytes.";

/** The Logic Apps xpath() sample document ('items'). */
const produceXml =
  '<?xml version="1.0"?>\n<produce>\n  <item>\n    <name>Gala</name>\n    <type>apple</type>\n    <count>20</count>\n  </item>\n  <item>\n    <name>Honeycrisp</name>\n    <type>apple</type>\n    <count>10</count>\n  </item>\n</produce>';
const fileXml =
  '<?xml version="1.0"?><file xmlns="https://contoso.com"><location>Paris</location></file>';
const xpathScope = { parameters: { items: produceXml, http: fileXml } };
const paramNote =
  "The doc reads the XML with parameters('items') / body('Http'); ADF reads it from a pipeline parameter.";

/** Conversion functions. */
export const conversionCases: readonly GoldenCase[] = [
  { expression: "@array('hello')", expected: ["hello"], source: adf("array") },
  { expression: "@base64('hello')", expected: "aGVsbG8=", source: adf("base64") },
  {
    expression: "@base64ToBinary('aGVsbG8=')",
    check: hasBytesOf("hello"),
    checkDescription: 'binary content holding the bytes of "hello"',
    source: adf("base64tobinary"),
    note: decodedNote,
  },
  { expression: "@base64ToString('aGVsbG8=')", expected: "hello", source: adf("base64tostring") },
  {
    expression: "@binary('hello')",
    check: hasBits("0110100001100101011011000110110001101111"),
    checkDescription: "binary content whose bits are 0110100001100101011011000110110001101111",
    source: adf("binary"),
  },

  { expression: "@bool(1)", expected: true, source: adf("bool") },
  { expression: "@bool(0)", expected: false, source: adf("bool") },
  { expression: "@bool(-1)", expected: true, source: la("bool") },
  { expression: "@bool('true')", expected: true, source: la("bool") },
  { expression: "@bool('false')", expected: false, source: la("bool") },

  { expression: "@coalesce(null, true, false)", expected: true, source: adf("coalesce") },
  { expression: "@coalesce(null, 'hello', 'world')", expected: "hello", source: adf("coalesce") },
  { expression: "@coalesce(null, null, null)", expected: null, source: adf("coalesce") },
  {
    expression: "@coalesce('', 'world')",
    expected: "",
    source: adf("coalesce"),
    note: "Doc: empty strings are not null.",
  },
  {
    expression: "@coalesce(json('[]'), 'world')",
    expected: [],
    source: adf("coalesce"),
    note: "Doc: empty arrays are not null.",
  },
  {
    expression: "@coalesce(json('{}'), 'world')",
    expected: {},
    source: adf("coalesce"),
    note: "Doc: empty objects are not null.",
  },

  {
    expression: "@createArray('h', 'e', 'l', 'l', 'o')",
    expected: ["h", "e", "l", "l", "o"],
    source: adf("createarray"),
  },

  { expression: "@dataUri('hello')", expected: helloUri, source: adf("datauri") },
  {
    expression: `@dataUriToBinary('${helloUri}')`,
    check: hasBytesOf("hello"),
    checkDescription: 'binary content holding the bytes of "hello"',
    source: adf("datauritobinary"),
    note: decodedNote,
  },
  {
    expression: `@dataUriToString('${helloUri}')`,
    expected: "hello",
    source: adf("datauritostring"),
  },
  { expression: "@decodeBase64('aGVsbG8=')", expected: "hello", source: adf("decodebase64") },
  {
    expression: `@decodeDataUri('${helloUri}')`,
    check: hasBytesOf("hello"),
    checkDescription: 'binary content holding the bytes of "hello"',
    source: adf("decodedatauri"),
    note: decodedNote,
  },
  {
    expression: "@decodeUriComponent('http%3A%2F%2Fcontoso.com')",
    expected: "http://contoso.com",
    source: adf("decodeuricomponent"),
    note: 'The doc prints "https://contoso.com" for an input that says http; the Logic Apps page has the consistent pair (next row).',
  },
  {
    expression: "@decodeUriComponent('https%3A%2F%2Fcontoso.com')",
    expected: "https://contoso.com",
    source: la("decodeuricomponent"),
  },
  {
    expression: "@encodeUriComponent('https://contoso.com')",
    expected: "https%3A%2F%2Fcontoso.com",
    source: adf("encodeuricomponent"),
    note: 'ADF\'s page prints "http%3A%2F%2Fcontoso.com" (drops the s of its own input); the Logic Apps page prints this value.',
  },

  { expression: "@float('10.333')", expected: 10.333, source: adf("float") },
  { expression: "@int('10')", expected: 10, source: adf("int") },

  { expression: "@json('[1, 2, 3]')", expected: [1, 2, 3], source: adf("json") },
  {
    expression: '@json(\'{"fullName": "Sophia Owen"}\')',
    expected: { fullName: "Sophia Owen" },
    source: adf("json"),
  },
  {
    expression:
      '@json(xml(\'<?xml version="1.0"?> <root> <person id="1"> <name>Sophia Owen</name> <occupation>Engineer</occupation> </person> </root>\'))',
    expected: {
      "?xml": { "@version": "1.0" },
      root: { person: { "@id": "1", name: "Sophia Owen", occupation: "Engineer" } },
    },
    source: la("json"),
    note: "ADF's page has this example with unescaped single quotes (id='1'), which is not a valid expression, and shows person as a one-item array; the Logic Apps page's version (single child -> object) is used.",
  },
  {
    expression:
      '@json(xml(\'<?xml version="1.0"?> <root> <person id="1"> <name>Sophia Owen</name> <occupation>Engineer</occupation> </person> <person id="2"> <name>John Doe</name> <occupation>Engineer</occupation> </person> </root>\'))',
    expected: {
      "?xml": { "@version": "1.0" },
      root: {
        person: [
          { "@id": "1", name: "Sophia Owen", occupation: "Engineer" },
          { "@id": "2", name: "John Doe", occupation: "Engineer" },
        ],
      },
    },
    source: la("json"),
  },
  {
    expression: "@json(null)",
    expected: {},
    source: adf("json"),
    note: "Doc: if the string is null, the function returns an empty object.",
  },

  { expression: "@string(10)", expected: "10", source: adf("string") },
  {
    expression: "@string(null)",
    expected: "",
    source: la("string"),
    note: "Doc: if the value is null, it is converted to an empty string.",
  },

  {
    expression: "@uriComponent('https://contoso.com')",
    expected: "https%3A%2F%2Fcontoso.com",
    source: adf("uricomponent"),
    note: 'ADF\'s page prints "http%3A%2F%2Fcontoso.com" (drops the s of its own input); the Logic Apps page prints this value.',
  },
  {
    expression: "@uriComponentToBinary('http%3A%2F%2Fcontoso.com')",
    check: hasBytesOf("http://contoso.com"),
    checkDescription: 'binary content holding the bytes of "http://contoso.com"',
    source: adf("uricomponenttobinary"),
    note: "The doc prints the bits of the quoted, still-encoded input; per its prose the binary holds the decoded URI component.",
  },
  {
    expression: "@uriComponentToString('http%3A%2F%2Fcontoso.com')",
    expected: "http://contoso.com",
    source: adf("uricomponenttostring"),
    note: 'The doc prints "https://contoso.com" for an input that says http; the Logic Apps page has the consistent pair (next row).',
  },
  {
    expression: "@uriComponentToString('https%3A%2F%2Fcontoso.com')",
    expected: "https://contoso.com",
    source: la("uricomponenttostring"),
  },

  {
    expression: "@xml('<name>Sophia Owen</name>')",
    expected: "<name>Sophia Owen</name>",
    source: la("xml"),
  },
  {
    expression: '@xml(json(\'{ "name": "Sophia Owen" }\'))',
    expected: "<name>Sophia Owen</name>",
    source: adf("xml"),
    note: 'The doc writes \\" because the expression sits in JSON; the expression itself has plain double quotes.',
  },
  {
    expression: '@xml(json(\'{"person": {"name": "Sophia Owen", "city": "Seattle"}}\'))',
    check: isXml("<person><name>Sophia Owen</name><city>Seattle</city></person>"),
    checkDescription:
      "XML <person><name>Sophia Owen</name><city>Seattle</city></person>, ignoring whitespace between tags",
    source: adf("xml"),
    note: "The doc prints the XML indented and with a typo in the closing tag (<person>).",
  },

  {
    expression: "@xpath(xml(pipeline().parameters.items), 'sum(/produce/item/count)')",
    scope: xpathScope,
    expected: 30,
    source: adf("xpath"),
    note: `${paramNote} The XML is the Logic Apps example's 'items' document.`,
  },
  {
    expression: "@xpath(xml(pipeline().parameters.items), '/produce/item/name')",
    scope: xpathScope,
    expected: ["<name>Gala</name>", "<name>Honeycrisp</name>"],
    source: la("xpath"),
    note: `${paramNote} Nodes are returned as their XML text.`,
  },
  {
    expression:
      '@xpath(xml(pipeline().parameters.http), \'/*[name()="file"]/*[name()="location"]\')',
    scope: xpathScope,
    expected: '<location xmlns="https://contoso.com">Paris</location>',
    source: adf("xpath"),
    note: `${paramNote} One matching node is returned as that node. The namespace is the Logic Apps page's (ADF's page mixes http and https).`,
  },
  {
    expression:
      '@xpath(xml(pipeline().parameters.http), \'/*[local-name()="file" and namespace-uri()="https://contoso.com"]/*[local-name()="location"]\')',
    scope: xpathScope,
    expected: '<location xmlns="https://contoso.com">Paris</location>',
    source: adf("xpath"),
    note: paramNote,
  },
  {
    expression:
      '@xpath(xml(pipeline().parameters.http), \'string(/*[name()="file"]/*[name()="location"])\')',
    scope: xpathScope,
    expected: "Paris",
    source: adf("xpath"),
    note: paramNote,
  },
];
