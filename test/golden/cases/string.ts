import { adf, la, type GoldenCase } from "../golden-case.js";

const guidD = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const isText = (value: unknown): value is string => typeof value === "string";

/** String functions: concat, endsWith, guid, indexOf, lastIndexOf, replace, split, startsWith, substring, toLower, toUpper, trim. */
export const stringCases: readonly GoldenCase[] = [
  { expression: "@concat('Hello', 'World')", expected: "HelloWorld", source: adf("concat") },

  { expression: "@endsWith('hello world', 'world')", expected: true, source: adf("endswith") },
  { expression: "@endsWith('hello world', 'universe')", expected: false, source: adf("endswith") },
  {
    expression: "@endsWith('hello world', 'WORLD')",
    expected: true,
    source: adf("endswith"),
    note: "Doc: this function is not case-sensitive.",
  },

  {
    expression: "@guid()",
    check: (v) => isText(v) && guidD.test(v),
    checkDescription: 'a GUID in the default "D" format: 32 hex digits separated by hyphens',
    source: adf("guid"),
  },
  {
    expression: "@guid('P')",
    check: (v) => isText(v) && v.startsWith("(") && v.endsWith(")") && guidD.test(v.slice(1, -1)),
    checkDescription: "a GUID as 32 digits separated by hyphens, enclosed in parentheses",
    source: adf("guid"),
  },
  {
    expression: "@guid('D')",
    check: (v) => isText(v) && guidD.test(v),
    checkDescription: 'a GUID in "D" format',
    source: adf("guid"),
  },
  {
    expression: "@guid('N')",
    check: (v) => isText(v) && /^[0-9a-f]{32}$/.test(v),
    checkDescription: 'a GUID in .NET "N" format: 32 hex digits',
    source: adf("guid"),
    note: "N, D, B, P, X are .NET Guid.ToString formats, which the doc links to.",
  },
  {
    expression: "@guid('B')",
    check: (v) => isText(v) && v.startsWith("{") && v.endsWith("}") && guidD.test(v.slice(1, -1)),
    checkDescription: 'a GUID in .NET "B" format: D format in braces',
    source: adf("guid"),
  },
  {
    expression: "@guid('X')",
    check: (v) =>
      isText(v) &&
      /^\{0x[0-9a-f]{8},0x[0-9a-f]{4},0x[0-9a-f]{4},\{(0x[0-9a-f]{2},){7}0x[0-9a-f]{2}\}\}$/.test(
        v,
      ),
    checkDescription: 'a GUID in .NET "X" format: {0x00000000,0x0000,0x0000,{0x00,...}}',
    source: adf("guid"),
  },

  { expression: "@indexOf('hello world', 'world')", expected: 6, source: adf("indexof") },
  {
    expression: "@indexOf('hello world', 'WORLD')",
    expected: 6,
    source: adf("indexof"),
    note: "Doc: this function is not case-sensitive.",
  },
  {
    expression: "@indexOf('hello world', 'universe')",
    expected: -1,
    source: adf("indexof"),
    note: "Doc: if the string is not found, return the number -1.",
  },

  { expression: "@lastIndexOf('hello world', 'world')", expected: 6, source: adf("lastindexof") },
  {
    expression: "@lastIndexOf('hello world', 'WORLD')",
    expected: 6,
    source: adf("lastindexof"),
    note: "Doc: this function is not case-sensitive.",
  },
  {
    expression: "@lastIndexOf('hello world', 'universe')",
    expected: -1,
    source: adf("lastindexof"),
    note: "Doc: if the string is not found, return the number -1.",
  },
  {
    expression: "@lastIndexOf('hello world hello world', 'world')",
    expected: 18,
    source: la("lastindexof"),
  },
  {
    expression: "@lastIndexOf('hello world hello world', '')",
    expected: 22,
    source: la("lastindexof"),
    note: "Doc: with an empty substring, the string length minus 1.",
  },
  {
    expression: "@lastIndexOf('', 'world')",
    expected: -1,
    source: la("lastindexof"),
    note: "Doc: if only the string value is empty, the function returns -1.",
  },
  {
    expression: "@lastIndexOf('', '')",
    expected: 0,
    source: la("lastindexof"),
    note: "Doc: if the string and substring values are both empty, the function returns 0.",
  },

  {
    expression: "@replace('the old string', 'old', 'new')",
    expected: "the new string",
    source: adf("replace"),
  },
  {
    expression: "@replace('the old string', 'OLD', 'new')",
    expected: "the old string",
    source: adf("replace"),
    note: "Doc: case-sensitive; if the substring is not found, return the original string.",
  },

  { expression: "@split('a_b_c', '_')", expected: ["a", "b", "c"], source: adf("split") },
  { expression: "@split('a_b_c', ' ')", expected: ["a_b_c"], source: la("split") },

  { expression: "@startsWith('hello world', 'hello')", expected: true, source: adf("startswith") },
  {
    expression: "@startsWith('hello world', 'greetings')",
    expected: false,
    source: adf("startswith"),
  },
  {
    expression: "@startsWith('hello world', 'HELLO')",
    expected: true,
    source: adf("startswith"),
    note: "Doc: this function is not case-sensitive.",
  },

  { expression: "@substring('hello world', 6, 5)", expected: "world", source: adf("substring") },
  {
    expression: "@substring('hello world', 0, 5)",
    expected: "hello",
    source: adf("substring"),
    note: "Index values start with the number 0.",
  },

  { expression: "@toLower('Hello World')", expected: "hello world", source: adf("tolower") },
  { expression: "@toUpper('Hello World')", expected: "HELLO WORLD", source: adf("toupper") },
  {
    expression: "@toUpper('hello 123!')",
    expected: "HELLO 123!",
    source: adf("toupper"),
    note: "Doc: a character without an uppercase version stays unchanged.",
  },
  {
    expression: "@toLower('HELLO 123!')",
    expected: "hello 123!",
    source: adf("tolower"),
    note: "Doc: a character without a lowercase version stays unchanged.",
  },
  { expression: "@trim(' Hello World  ')", expected: "Hello World", source: adf("trim") },
];
