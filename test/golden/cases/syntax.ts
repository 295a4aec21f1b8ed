import { adf, la, page, type GoldenCase } from "../golden-case.js";

/** The doc defines `myNumber` as 42 and `myString` as "foo" for its interpolation table. */
const answerScope = { parameters: { myNumber: 42, myString: "foo" } };

/** "Expressions" section of ADF's page: literals, `@@`, string interpolation. */
export const syntaxCases: readonly GoldenCase[] = [
  { expression: "parameters", expected: "parameters", source: adf("expressions") },
  { expression: "parameters[1]", expected: "parameters[1]", source: adf("expressions") },
  {
    expression: "@@",
    expected: "@",
    source: adf("expressions"),
    note: "Doc: a 1 character string that contains '@'.",
  },
  {
    expression: " @",
    expected: " @",
    source: adf("expressions"),
    note: "Doc: a 2 character string that contains ' @'.",
  },
  {
    expression: "value",
    expected: "value",
    source: adf("expressions"),
    note: 'Doc: "name": "value" is a literal.',
  },
  {
    expression: "@pipeline().parameters.password",
    scope: { parameters: { password: "p@ss" } },
    expected: "p@ss",
    source: adf("expressions"),
  },
  {
    expression: "@pipeline().parameters.myString",
    scope: answerScope,
    expected: "foo",
    source: adf("expressions"),
  },
  {
    expression: "@{pipeline().parameters.myString}",
    scope: answerScope,
    expected: "foo",
    source: adf("expressions"),
  },
  {
    expression: "@pipeline().parameters.myNumber",
    scope: answerScope,
    expected: 42,
    source: adf("expressions"),
  },
  {
    expression: "@{pipeline().parameters.myNumber}",
    scope: answerScope,
    expected: "42",
    source: adf("expressions"),
  },
  {
    expression: "Answer is: @{pipeline().parameters.myNumber}",
    scope: answerScope,
    expected: "Answer is: 42",
    source: adf("expressions"),
  },
  {
    expression: "@concat('Answer is: ', string(pipeline().parameters.myNumber))",
    scope: answerScope,
    expected: "Answer is: 42",
    source: adf("expressions"),
  },
  {
    expression: "Answer is: @@{pipeline().parameters.myNumber}",
    scope: answerScope,
    expected: "Answer is: @{pipeline().parameters.myNumber}",
    source: adf("expressions"),
  },
  {
    expression:
      "First Name: @{pipeline().parameters.firstName} Last Name: @{pipeline().parameters.lastName}",
    scope: { parameters: { firstName: "Sophia", lastName: "Owen" } },
    expected: "First Name: Sophia Last Name: Owen",
    source: adf("expressions"),
  },
  {
    expression: "@item()",
    scope: { item: 1 },
    expected: 1,
    source: adf("expressions"),
    note: "items [1, 2, 3], first iteration.",
  },
  {
    expression: "@item()",
    scope: { item: 2 },
    expected: 2,
    source: adf("expressions"),
    note: "items [1, 2, 3], second iteration.",
  },
  {
    expression: "@item()",
    scope: { item: 3 },
    expected: 3,
    source: adf("expressions"),
    note: "items [1, 2, 3], third iteration.",
  },
  {
    expression: "@range(0,10)",
    expected: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    source: adf("expressions"),
    note: "Doc: iterates ten times starting with 0 ending with 9.",
  },
  {
    expression: "@activity('Web1').output",
    scope: { activities: { Web1: { output: { data: { id: 7 }, statusCode: 200 } } } },
    expected: { data: { id: 7 }, statusCode: 200 },
    source: adf("expressions"),
  },
  {
    expression: "@activity('Web1').output.data",
    scope: { activities: { Web1: { output: { data: { id: 7 }, statusCode: 200 } } } },
    expected: { id: 7 },
    source: adf("expressions"),
  },
  {
    expression:
      "@activity('activityName').output.subfield1.subfield2[pipeline().parameters.subfield3].subfield4",
    scope: {
      parameters: { subfield3: "dynamicKey" },
      activities: {
        activityName: {
          output: { subfield1: { subfield2: { dynamicKey: { subfield4: "deep value" } } } },
        },
      },
    },
    expected: "deep value",
    source: adf("complex-expression-example"),
    note: "The doc's placeholders filled with an output whose subfield2 has a key named by the parameter.",
  },
  {
    expression:
      '{ \n  "type": "@{if(equals(1, 2), \'Blob\', \'Table\' )}",\n  "name": "@{toUpper(\'myData\')}"\n}',
    expected: '{ \n  "type": "Table",\n  "name": "MYDATA"\n}',
    source: adf("dynamic-content-editor"),
    note: "The doc prints the result as formatted JSON; the whitespace here is the input's, unchanged by interpolation.",
  },
  {
    expression: "@{if(equals(1, 2), 'Blob', 'Table' )}",
    expected: "Table",
    source: adf("dynamic-content-editor"),
  },
  { expression: "@{toUpper('myData')}", expected: "MYDATA", source: adf("dynamic-content-editor") },
  {
    expression: "@uriComponentToString(replace(uriComponent(variables('companyName')), '%0A', ''))",
    scope: { variables: { companyName: "Contoso-\nCorporation" } },
    expected: "Contoso-Corporation",
    source: adf("replacing-special-characters"),
    note: "The doc says the expression removes the newline character from the value shown.",
  },
  {
    expression: "@concat('Baba', '''s ', 'book store')",
    expected: "Baba's book store",
    source: adf("escaping-single-quote-character"),
  },
  {
    expression: "@dataset().path",
    scope: { dataset: { path: "container/folder" } },
    expected: "container/folder",
    source: adf("a-dataset-with-a-parameter"),
  },
  {
    expression: "@pipeline().parameters.inputPath",
    scope: { parameters: { inputPath: "adftutorial/input", outputPath: "adftutorial/output" } },
    expected: "adftutorial/input",
    source: adf("a-pipeline-with-a-parameter"),
  },
  {
    expression: "@pipeline().parameters.outputPath",
    scope: { parameters: { inputPath: "adftutorial/input", outputPath: "adftutorial/output" } },
    expected: "adftutorial/output",
    source: adf("a-pipeline-with-a-parameter"),
  },
  {
    expression: "@concat('Test_',  formatDateTime(utcnow(), 'yyyy-dd-MM'))",
    scope: { now: "2018-04-15T13:00:00Z" },
    expected: "Test_2018-15-04",
    source: adf("complex-expression-example"),
    note: "Dynamic file name example 1 with a fixed clock; 'yyyy-dd-MM' is year-day-month.",
  },
  {
    expression: "@concat('Test_',  convertFromUtc(utcnow(), 'Pacific Standard Time'))",
    scope: { now: "2018-04-15T13:00:00Z" },
    expected: "Test_2018-04-15T06:00:00.0000000",
    source: adf("complex-expression-example"),
    note: "Dynamic file name example 2 with a fixed clock: 13:00 UTC is 06:00 Pacific Daylight Time; format 'o' of a converted (unspecified-kind) time has no zone suffix, as in the convertTimeZone example.",
  },
  {
    expression: "@concat('Test_',  pipeline().TriggerTime)",
    scope: { pipeline: { TriggerTime: "2017-06-01T22:20:00.4061448Z" } },
    expected: "Test_2017-06-01T22:20:00.4061448Z",
    source: adf("complex-expression-example"),
    note: "Dynamic file name example 3; TriggerTime value from the system variables page.",
  },
  {
    expression: "@concat('Sophia', 'Owen')",
    expected: "SophiaOwen",
    source: la("functions-in-expressions"),
  },
  {
    expression: "@concat(pipeline().parameters.firstName, pipeline().parameters.lastName)",
    scope: { parameters: { firstName: "Sophia", lastName: "Owen" } },
    expected: "SophiaOwen",
    source: la("functions-in-expressions"),
    note: "The Logic Apps example uses parameters('firstName'); ADF reads pipeline parameters this way.",
  },
  {
    expression: "@toLower('Hello')",
    expected: "hello",
    source: page("logic-apps/workflow-definition-language-functions-reference.md"),
    note: "The example table at the top of the Logic Apps page.",
  },
  {
    expression: "@{triggerBody()?['123']}",
    scope: { triggerBody: { "123": 123 } },
    expected: "123",
    source: la("implicit-data-conversions"),
    note: "A numeric trigger output used in @{...} becomes a string.",
  },
];
