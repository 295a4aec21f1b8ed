import { adf, la, page, type GoldenCase } from "../golden-case.js";

const limits = "includes/azure-data-factory-limits.md#version-2";
const sysVars = "data-factory/control-flow-system-variables.md";
const paramsPage = "data-factory/concepts-parameters-variables.md";

/**
 * Documented error conditions. The codes are Sluice's stable codes (src/core/error-codes.ts);
 * the docs say only that the call fails, so each row names the catalogue entry that describes
 * the condition.
 */
export const errorCases: readonly GoldenCase[] = [
  {
    expression: "@div(10, 0)",
    errorCode: "ExpressionDivideByZero",
    source: adf("div"),
    note: "Doc: the divisor cannot be 0.",
  },
  {
    expression: "@div(1.5, 0)",
    errorCode: "ExpressionDivideByZero",
    source: adf("div"),
    note: "Doc: the divisor cannot be 0.",
  },
  {
    expression: "@mod(3, 0)",
    errorCode: "ExpressionDivideByZero",
    source: adf("mod"),
    note: "Doc: the divisor cannot be 0.",
  },
  {
    expression: "@substring('hello world', 6, 6)",
    errorCode: "ExpressionIndexOutOfRange",
    source: la("substring"),
    note: "Doc: when startIndex + length exceeds the string, you get an error, unlike similar functions in other languages.",
  },
  {
    expression: "@substring('hello', 6, 0)",
    errorCode: "ExpressionIndexOutOfRange",
    source: la("substring"),
    note: "A start index past the end of the string.",
  },
  {
    expression: "@range(1, 100001)",
    errorCode: "ExpressionArgumentValue",
    source: la("range"),
    note: "Doc: count must be a positive integer that doesn't exceed 100,000.",
  },
  {
    expression: "@range(1, -1)",
    errorCode: "ExpressionArgumentValue",
    source: la("range"),
    note: "Doc: count must be a positive integer.",
  },
  {
    expression: "@range(2147483647, 2)",
    errorCode: "ExpressionArgumentValue",
    source: la("range"),
    note: "Doc: the sum of startIndex and count must not exceed 2,147,483,647.",
  },
  {
    expression: '@xml(json(\'{"a": 1, "b": 2}\'))',
    errorCode: "ExpressionBadXml",
    source: adf("xml"),
    note: "Doc: the JSON object must have only one root property.",
  },
  {
    expression: "@json('{\"fullName\": ')",
    errorCode: "ExpressionBadJson",
    source: adf("json"),
    note: "Text that is not JSON.",
  },
  {
    expression: "@convertFromUtc('2018-01-01T08:00:00Z', 'Mars Standard Time')",
    errorCode: "ExpressionBadTimeZone",
    source: adf("convertfromutc"),
    note: "Doc: time zone names are Microsoft time zone index values.",
  },
  {
    expression: "@convertToUtc('01/01/2018 00:00:00', 'Nowhere Standard Time')",
    errorCode: "ExpressionBadTimeZone",
    source: adf("converttoutc"),
  },
  {
    expression: "@convertTimeZone('2018-01-01T08:00:00Z', 'UTC', 'Atlantis Time')",
    errorCode: "ExpressionBadTimeZone",
    source: adf("converttimezone"),
  },
  {
    expression: "@formatDateTime('not a timestamp')",
    errorCode: "ExpressionBadTimestamp",
    source: adf("formatdatetime"),
    note: "Doc: the first argument is the string that contains the timestamp.",
  },
  {
    expression: "@addDays('yesterday', 1)",
    errorCode: "ExpressionBadTimestamp",
    source: adf("adddays"),
  },
  {
    expression: "@dayOfMonth('the ides of March')",
    errorCode: "ExpressionBadTimestamp",
    source: adf("dayofmonth"),
  },
  {
    expression: "@addToTime('2018-01-01T00:00:00Z', 1, 'Fortnight')",
    errorCode: "ExpressionArgumentValue",
    source: adf("addtotime"),
    note: "Doc: timeUnit is one of Second, Minute, Hour, Day, Week, Month, Year.",
  },
  {
    expression: "@getFutureTime(1, 'Decade')",
    scope: { now: "2018-03-01T00:00:00Z" },
    errorCode: "ExpressionArgumentValue",
    source: adf("getfuturetime"),
    note: "Doc: timeUnit is one of Second, Minute, Hour, Day, Week, Month, Year.",
  },
  {
    expression: "@int('ten')",
    errorCode: "ExpressionArgumentValue",
    source: adf("int"),
    note: "Doc: the string to convert to an integer.",
  },
  {
    expression: "@float('abc')",
    errorCode: "ExpressionArgumentValue",
    source: adf("float"),
    note: "Doc: the string that has a valid floating-point number.",
  },
  {
    expression: "@base64ToString('%%%%')",
    errorCode: "ExpressionArgumentValue",
    source: adf("base64tostring"),
    note: "Doc: the base64-encoded string to decode; '%' is not a base64 character.",
  },

  {
    expression: "@if(true, 'a')",
    errorCode: "ExpressionArgumentCount",
    source: adf("if"),
    note: "All three parameters are required.",
  },
  {
    expression: "@not(true, false)",
    errorCode: "ExpressionArgumentCount",
    source: adf("not"),
    note: "not() takes one expression.",
  },
  {
    expression: "@equals(1)",
    errorCode: "ExpressionArgumentCount",
    source: adf("equals"),
    note: "Both objects are required.",
  },
  {
    expression: "@rand(1)",
    errorCode: "ExpressionArgumentCount",
    source: adf("rand"),
    note: "minValue and maxValue are required.",
  },
  {
    expression: "@addDays('2018-03-15T00:00:00Z')",
    errorCode: "ExpressionArgumentCount",
    source: adf("adddays"),
    note: "days is required.",
  },
  {
    expression: "@utcNow('D', 'o')",
    errorCode: "ExpressionArgumentCount",
    source: adf("utcnow"),
    note: "utcNow takes at most a format.",
  },

  {
    expression: "@add('a', 1)",
    errorCode: "ExpressionArgumentType",
    source: adf("add"),
    note: "Doc: Integer, Float, or mixed.",
  },
  {
    expression: "@mul(createArray(1), 2)",
    errorCode: "ExpressionArgumentType",
    source: adf("mul"),
    note: "Doc: Integer or Float.",
  },
  {
    expression: "@length(5)",
    errorCode: "ExpressionArgumentType",
    source: adf("length"),
    note: "Doc: String or Array.",
  },
  {
    expression: "@join('abc', ',')",
    errorCode: "ExpressionArgumentType",
    source: adf("join"),
    note: "Doc: the collection is an Array.",
  },
  {
    expression: "@if('yes', 1, 2)",
    errorCode: "ExpressionArgumentType",
    source: adf("if"),
    note: "Doc: the expression is a Boolean.",
  },
  {
    expression: "@max(createArray('a', 'b'))",
    errorCode: "ExpressionArgumentType",
    source: adf("max"),
    note: "Doc: an array of Integer, Float, or both.",
  },
  {
    expression: "@union(createArray(1), json('{\"a\": 1}'))",
    errorCode: "ExpressionArgumentType",
    source: adf("union"),
    note: "Doc: Array or Object, but not both.",
  },
  {
    expression: "@intersection(createArray(1), json('{\"a\": 1}'))",
    errorCode: "ExpressionArgumentType",
    source: adf("intersection"),
    note: "Doc: Array or Object, but not both.",
  },

  {
    expression: "@concat('Baba', ''s ', 'book store')",
    errorCode: "ExpressionSyntax",
    source: adf("escaping-single-quote-character"),
    note: "A quote inside a string literal must be doubled.",
  },
  {
    expression: "@concat('a', 'b'",
    errorCode: "ExpressionSyntax",
    source: adf("expressions"),
    note: "An unclosed call.",
  },
  {
    expression: "@notAFunction(1)",
    errorCode: "ExpressionUnknownFunction",
    source: adf("functions"),
    note: "Only the functions the page lists exist.",
  },

  {
    expression: `@concat('${"a".repeat(9000)}')`,
    errorCode: "ExpressionTooLong",
    source: limits,
    note: "Characters per expression: 8,192.",
  },
  {
    expression: `@length('${"a".repeat(8000)}')`,
    expected: 8000,
    source: limits,
    note: "An expression under the 8,192-character limit evaluates.",
  },

  {
    expression: "@pipeline().TriggeredByPipelineName",
    scope: { pipeline: { Pipeline: "demo_pipeline", TriggerType: "Manual" } },
    errorCode: "ExpressionMissingProperty",
    source: page(sysVars, "pipeline-scope"),
    note: "Doc: note the question mark after @pipeline(); without it, reading the absent property fails.",
  },
  {
    expression: "@pipeline().parameters.account",
    scope: { parameters: { account_name: "contoso" } },
    errorCode: "ExpressionMissingParameter",
    source: page(paramsPage, "pipeline-parameters"),
  },
  {
    expression: "@dataset().folder",
    scope: { dataset: { path: "container/folder" } },
    errorCode: "ExpressionMissingParameter",
    source: adf("a-dataset-with-a-parameter"),
  },
  {
    expression: "@linkedService().DatabaseName",
    scope: { linkedService: { DBName: "SalesDb" } },
    errorCode: "ExpressionMissingParameter",
    source: page("data-factory/parameterize-linked-services.md", "json"),
  },
  {
    expression: "@variables('flags')",
    scope: { variables: { flag: [true] } },
    errorCode: "ExpressionMissingVariable",
    source: page(paramsPage, "pipeline-variables"),
  },
  {
    expression: "@activity('Web2').output",
    scope: { activities: { Web1: { output: {} } } },
    errorCode: "ExpressionMissingActivity",
    source: adf("expressions"),
  },
  {
    expression: "@trigger().startTime",
    errorCode: "ExpressionNoScope",
    source: page(sysVars, "schedule-trigger-scope"),
    note: "Trigger-scope variables exist only in a trigger's definition.",
  },
  {
    expression: "@triggerBody().fileName",
    errorCode: "ExpressionNoScope",
    source: page(sysVars, "storage-event-trigger-scope"),
  },
  {
    expression: "@item()",
    errorCode: "ExpressionNoScope",
    source: page("data-factory/control-flow-for-each-activity.md", "iteration-expression-language"),
    note: "item() refers to the current element of a ForEach; there is none here.",
  },
];
