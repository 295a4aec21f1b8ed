import { adf, la, type GoldenCase } from "../golden-case.js";

/** Collection functions: contains, empty, first, intersection, join, last, length, skip, take, union. */
export const collectionCases: readonly GoldenCase[] = [
  { expression: "@contains('hello world', 'world')", expected: true, source: adf("contains") },
  { expression: "@contains('hello world', 'universe')", expected: false, source: adf("contains") },
  {
    expression: "@contains('hello world', 'WORLD')",
    expected: false,
    source: adf("contains"),
    note: "Doc: this function is case-sensitive.",
  },
  {
    expression: "@contains(createArray('hello', 'world'), 'world')",
    expected: true,
    source: adf("contains"),
    note: "Doc: works on an array to find a value.",
  },
  {
    expression: "@contains(createArray('hello', 'world'), 'universe')",
    expected: false,
    source: adf("contains"),
  },
  {
    expression: "@contains(json('{\"hello\": \"world\"}'), 'hello')",
    expected: true,
    source: adf("contains"),
    note: "Doc: works on a dictionary to find a key.",
  },
  {
    expression: "@contains(json('{\"hello\": \"world\"}'), 'world')",
    expected: false,
    source: adf("contains"),
    note: "A dictionary is searched for a key, not a value.",
  },

  { expression: "@empty('')", expected: true, source: adf("empty") },
  { expression: "@empty('abc')", expected: false, source: adf("empty") },
  {
    expression: "@empty(json('[]'))",
    expected: true,
    source: adf("empty"),
    note: "Collection may be an array.",
  },
  { expression: "@empty(createArray(1))", expected: false, source: adf("empty") },
  {
    expression: "@empty(json('{}'))",
    expected: true,
    source: adf("empty"),
    note: "Collection may be an object.",
  },
  { expression: "@empty(json('{\"a\": 1}'))", expected: false, source: adf("empty") },

  { expression: "@first('hello')", expected: "h", source: adf("first") },
  { expression: "@first(createArray(0, 1, 2))", expected: 0, source: adf("first") },

  {
    expression:
      "@intersection(createArray(1, 2, 3), createArray(101, 2, 1, 10), createArray(6, 8, 1, 2))",
    expected: [1, 2],
    source: adf("intersection"),
  },
  {
    expression: '@intersection(json(\'{"a": 1, "b": 2}\'), json(\'{"b": 2, "c": 3}\'))',
    expected: { b: 2 },
    source: adf("intersection"),
    note: "Collections may be objects; only the item common to both (same name, same value) remains.",
  },

  { expression: "@join(createArray('a', 'b', 'c'), '.')", expected: "a.b.c", source: adf("join") },

  { expression: "@last('abcd')", expected: "d", source: adf("last") },
  { expression: "@last(createArray(0, 1, 2, 3))", expected: 3, source: adf("last") },

  { expression: "@length('abcd')", expected: 4, source: adf("length") },
  { expression: "@length(createArray(0, 1, 2, 3))", expected: 4, source: adf("length") },
  { expression: "@length('')", expected: 0, source: adf("length") },

  { expression: "@skip(createArray(0, 1, 2, 3), 1)", expected: [1, 2, 3], source: adf("skip") },

  { expression: "@take('abcde', 3)", expected: "abc", source: adf("take") },
  { expression: "@take(createArray(0, 1, 2, 3, 4), 3)", expected: [0, 1, 2], source: adf("take") },

  {
    expression: "@union(createArray(1, 2, 3), createArray(1, 2, 10, 101))",
    expected: [1, 2, 3, 10, 101],
    source: adf("union"),
  },
  {
    expression: '@union(json(\'{"a": 1, "b": 2}\'), json(\'{"b": 3, "c": 4}\'))',
    expected: { a: 1, b: 3, c: 4 },
    source: adf("union"),
    note: "Doc: if items have the same name, the last item with that name appears in the result.",
  },
  {
    expression: "@union(createArray('a'), createArray('a'))",
    expected: ["a"],
    source: la("union"),
    note: "Doc: no duplicates.",
  },
];
