import { adf, la, type GoldenCase } from "../golden-case.js";

/** Logical functions: and, equals, greater, greaterOrEquals, if, less, lessOrEquals, not, or. */
export const logicalCases: readonly GoldenCase[] = [
  { expression: "@and(true, true)", expected: true, source: adf("and") },
  { expression: "@and(false, true)", expected: false, source: adf("and") },
  { expression: "@and(false, false)", expected: false, source: adf("and") },
  { expression: "@and(equals(1, 1), equals(2, 2))", expected: true, source: adf("and") },
  { expression: "@and(equals(1, 1), equals(1, 2))", expected: false, source: adf("and") },
  { expression: "@and(equals(1, 2), equals(1, 3))", expected: false, source: adf("and") },

  {
    expression: "@equals(true, 1)",
    expected: true,
    source: adf("equals"),
    note: "Doc: both values are equivalent.",
  },
  { expression: "@equals('abc', 'abcd')", expected: false, source: adf("equals") },
  {
    expression: "@equals(1, 1)",
    expected: true,
    source: adf("and"),
    note: "Used in the and() examples as a true expression.",
  },
  {
    expression: "@equals(1, 2)",
    expected: false,
    source: adf("and"),
    note: "Used in the and() examples as a false expression.",
  },

  { expression: "@greater(10, 5)", expected: true, source: adf("greater") },
  { expression: "@greater('apple', 'banana')", expected: false, source: adf("greater") },
  {
    expression: "@greater(5, 5)",
    expected: false,
    source: adf("greater"),
    note: "Doc: return false when the first value is equal to the second value.",
  },

  { expression: "@greaterOrEquals(5, 5)", expected: true, source: adf("greaterorequals") },
  {
    expression: "@greaterOrEquals('apple', 'banana')",
    expected: false,
    source: adf("greaterorequals"),
  },

  { expression: "@if(equals(1, 1), 'yes', 'no')", expected: "yes", source: adf("if") },
  {
    expression: "@if(equals(1, 2), 'yes', 'no')",
    expected: "no",
    source: adf("if"),
    note: 'Doc: otherwise, the example returns "no".',
  },

  { expression: "@less(5, 10)", expected: true, source: adf("less") },
  { expression: "@less('banana', 'apple')", expected: false, source: adf("less") },
  {
    expression: "@less(10, 10)",
    expected: false,
    source: adf("less"),
    note: "Doc: return false when the first value is equal to the second value.",
  },

  { expression: "@lessOrEquals(10, 10)", expected: true, source: adf("lessorequals") },
  { expression: "@lessOrEquals('apply', 'apple')", expected: false, source: adf("lessorequals") },

  {
    expression: "@lessOrEquals(null, '')",
    expected: true,
    source: la("comparison-functions"),
    note: "Doc note: when logical functions compare values, null values are converted to empty string values.",
  },

  { expression: "@not(false)", expected: true, source: adf("not") },
  { expression: "@not(true)", expected: false, source: adf("not") },
  { expression: "@not(equals(1, 2))", expected: true, source: adf("not") },
  { expression: "@not(equals(1, 1))", expected: false, source: adf("not") },

  { expression: "@or(true, false)", expected: true, source: adf("or") },
  { expression: "@or(false, false)", expected: false, source: adf("or") },
  { expression: "@or(equals(1, 1), equals(1, 2))", expected: true, source: adf("or") },
  { expression: "@or(equals(1, 2), equals(1, 3))", expected: false, source: adf("or") },
];
