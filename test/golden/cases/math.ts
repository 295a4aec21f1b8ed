import { adf, la, type GoldenCase } from "../golden-case.js";

/** Math functions: add, div, max, min, mod, mul, rand, range, sub. */
export const mathCases: readonly GoldenCase[] = [
  { expression: "@add(1, 1.5)", expected: 2.5, source: adf("add") },
  {
    expression: "@add(1, 1)",
    expected: 2,
    source: adf("add"),
    note: "Integers add to an integer.",
  },

  { expression: "@div(10, 5)", expected: 2, source: adf("div") },
  { expression: "@div(11, 5)", expected: 2, source: adf("div"), note: "Doc: the integer result." },
  {
    expression: "@div(11, 5.0)",
    expected: 2.2,
    source: la("div"),
    note: "Logic Apps: if either the dividend or divisor has Float type, the result has Float type. ADF's page only shows integer examples and calls the result Integer.",
  },
  {
    expression: "@div(11.0, 5)",
    expected: 2.2,
    source: la("div"),
    note: "Logic Apps: if either the dividend or divisor has Float type, the result has Float type.",
  },

  { expression: "@max(1, 2, 3)", expected: 3, source: adf("max") },
  { expression: "@max(createArray(1, 2, 3))", expected: 3, source: adf("max") },
  {
    expression: "@max(1, 2.5, 2)",
    expected: 2.5,
    source: adf("max"),
    note: "Doc: Integer, Float, or both.",
  },
  { expression: "@min(1, 2, 3)", expected: 1, source: adf("min") },
  { expression: "@min(createArray(1, 2, 3))", expected: 1, source: adf("min") },
  {
    expression: "@min(createArray(3, 1.5, 2))",
    expected: 1.5,
    source: adf("min"),
    note: "Doc: Integer, Float, or both.",
  },

  { expression: "@mod(3, 2)", expected: 1, source: adf("mod") },

  { expression: "@mul(1, 2)", expected: 2, source: adf("mul") },
  { expression: "@mul(1.5, 2)", expected: 3, source: adf("mul") },

  {
    expression: "@rand(1, 5)",
    check: (v) => v === 1 || v === 2 || v === 3 || v === 4,
    checkDescription: "one of the integers 1, 2, 3 or 4 (the maximum is excluded)",
    source: adf("rand"),
  },
  {
    expression: "@rand(7, 8)",
    expected: 7,
    source: adf("rand"),
    note: "The range is inclusive only at the starting end, so [7, 8) holds only 7.",
  },

  { expression: "@range(1, 4)", expected: [1, 2, 3, 4], source: adf("range") },
  {
    expression: "@range(0, 10)",
    expected: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    source: adf("range"),
    note: "The @range(0,10) example from the Expressions section.",
  },

  {
    expression: "@sub(10.3, .3)",
    expected: 10,
    source: adf("sub"),
    note: "A float literal may start with the decimal point.",
  },
  { expression: "@sub(10, 3)", expected: 7, source: adf("sub") },
];
