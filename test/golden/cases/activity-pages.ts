import { page, type GoldenCase } from "../golden-case.js";
import { windowScope } from "./system-variables.js";

const tumbling = "data-factory/how-to-create-tumbling-window-trigger.md";
const lookup = "data-factory/control-flow-lookup-activity.md";
const firstRowScope = {
  activities: {
    LookupActivity: { output: { firstRow: { Id: "1", schema: "dbo", table: "Table1" } } },
  },
};
const allRows = {
  count: "2",
  value: [
    { Id: "1", schema: "dbo", table: "Table1" },
    { Id: "2", schema: "dbo", table: "Table2" },
  ],
};
const allRowsScope = {
  activities: { MyLookupActivity: { output: allRows }, lookupActivity: { output: allRows } },
};
const forEach = "data-factory/control-flow-for-each-activity.md";
const inputTables = [
  {
    SourceTable: "department",
    SourceTableStructure: [
      { name: "departmentid", type: "int" },
      { name: "departmentname", type: "string" },
    ],
    DestTable: "department2",
    DestTableStructure: [
      { name: "departmentid", type: "int" },
      { name: "departmentname", type: "string" },
    ],
  },
];
const filter = "data-factory/control-flow-filter-activity.md";
const ifCondition = "data-factory/control-flow-if-condition-activity.md";
const ifParams = {
  inputPath: "adftutorial/input",
  outputPath1: "adftutorial/outputIf",
  outputPath2: "adftutorial/outputElse",
  routeSelection: "false",
};

/** Expressions from the activity, trigger and parameter pages, with the data those pages describe. */
export const activityPageCases: readonly GoldenCase[] = [
  {
    expression:
      "@{concat('output',formatDateTime(trigger().outputs.windowStartTime,'-dd-MM-yyyy-HH-mm-ss-ffff'))}",
    scope: windowScope,
    expected: "output-08-09-2017-05-30-00-0000",
    source: page(tumbling, "windowstart-and-windowend-system-variables"),
    note: "Window of the page's PowerShell sample (15-minute windows from 2017-09-08T05:30:00Z).",
  },
  {
    expression:
      "@{concat('output',formatDateTime(trigger().outputs.windowEndTime,'-dd-MM-yyyy-HH-mm-ss-ffff'))}",
    scope: windowScope,
    expected: "output-08-09-2017-05-45-00-0000",
    source: page(tumbling, "windowstart-and-windowend-system-variables"),
  },
  {
    expression: "https://mydemo.azurewebsites.net/api/demoapi",
    expected: "https://mydemo.azurewebsites.net/api/demoapi",
    source: page(tumbling, "tumbling-window-trigger-type-properties"),
  },

  {
    expression: "@pipeline().parameters.parameter_1",
    scope: { parameters: { parameter_1: "2021-03-03T04:38:00.1234567Z" } },
    expected: "2021-03-03T04:38:00.1234567Z",
    source: page(
      "data-factory/how-to-use-trigger-parameterization.md",
      "use-trigger-information-in-pipeline",
    ),
    note: "parameter_1 is mapped from @trigger().startTime in the trigger definition.",
  },

  {
    expression: "@{activity('LookupActivity').output.firstRow.table}",
    scope: firstRowScope,
    expected: "Table1",
    source: page(lookup, "use-the-lookup-activity-result"),
  },
  {
    expression: "@activity('LookupActivity').output.firstRow.schema",
    scope: firstRowScope,
    expected: "dbo",
    source: page(lookup, "pipeline"),
  },
  {
    expression: "@activity('LookupActivity').output.firstRow.table",
    scope: firstRowScope,
    expected: "Table1",
    source: page(lookup, "pipeline"),
  },
  {
    expression:
      "select * from [@{activity('LookupActivity').output.firstRow.schema}].[@{activity('LookupActivity').output.firstRow.table}]",
    scope: firstRowScope,
    expected: "select * from [dbo].[Table1]",
    source: page(lookup, "pipeline"),
  },
  {
    expression: "@activity('MyLookupActivity').output.value",
    scope: allRowsScope,
    expected: allRows.value,
    source: page(lookup, "use-the-lookup-activity-result"),
  },
  {
    expression: "@activity('MyLookupActivity').output.count",
    scope: allRowsScope,
    expected: "2",
    source: page(lookup, "use-the-lookup-activity-result"),
    note: 'The doc\'s output shows count as the string "2".',
  },
  {
    expression: "@{activity('lookupActivity').output.value[0].schema}",
    scope: allRowsScope,
    expected: "dbo",
    source: page(lookup, "use-the-lookup-activity-result"),
  },
  {
    expression: "@activity('lookupActivity').output.value[1].table",
    scope: allRowsScope,
    expected: "Table2",
    source: page(lookup, "use-the-lookup-activity-result"),
  },
  {
    expression: "@dataset().schemaName",
    scope: { dataset: { schemaName: "dbo", tableName: "Table1" } },
    expected: "dbo",
    source: page(lookup, "source-dataset-for-copy-activity"),
  },
  {
    expression: "@dataset().tableName",
    scope: { dataset: { schemaName: "dbo", tableName: "Table1" } },
    expected: "Table1",
    source: page(lookup, "source-dataset-for-copy-activity"),
  },
  {
    expression: "@{dataset().schema}_@{dataset().table}.csv",
    scope: { dataset: { schema: "dbo", table: "Table1" } },
    expected: "dbo_Table1.csv",
    source: page(lookup, "sink-dataset-for-copy-activity"),
  },

  {
    expression: "@greater(item(),3)",
    scope: { item: 4 },
    expected: true,
    source: page(filter, "example"),
  },
  {
    expression: "@greater(item(),3)",
    scope: { item: 3 },
    expected: false,
    source: page(filter, "example"),
  },
  {
    expression: "@greater(item(),3)",
    scope: { item: 1 },
    expected: false,
    source: page(filter, "example"),
  },
  {
    expression: "@pipeline().parameters.inputs",
    scope: { parameters: { inputs: [1, 2, 3, 4, 5, 6] } },
    expected: [1, 2, 3, 4, 5, 6],
    source: page(filter, "example"),
  },
  {
    expression: "@activity('MyFilterActivity').output.value",
    scope: { activities: { MyFilterActivity: { output: { value: [4, 5, 6] } } } },
    expected: [4, 5, 6],
    source: page(filter, "example"),
    note: "The filter keeps items greater than 3 of [1, 2, 3, 4, 5, 6].",
  },
  {
    expression: "@string(item())",
    scope: { item: 5 },
    expected: "5",
    source: page(filter, "example"),
  },

  {
    expression: "@pipeline().parameters.mySinkDatasetFolderPath",
    scope: {
      parameters: {
        mySourceDatasetFolderPath: "input/",
        mySinkDatasetFolderPath: ["outputs/file1", "outputs/file2"],
      },
    },
    expected: ["outputs/file1", "outputs/file2"],
    source: page(forEach, "run-parameter-values"),
  },
  {
    expression: "@pipeline().parameters.mySourceDatasetFolderPath",
    scope: {
      parameters: {
        mySourceDatasetFolderPath: "input/",
        mySinkDatasetFolderPath: ["outputs/file1", "outputs/file2"],
      },
    },
    expected: "input/",
    source: page(forEach, "run-parameter-values"),
  },
  {
    expression: "@item()",
    scope: { item: "outputs/file2" },
    expected: "outputs/file2",
    source: page(forEach, "iterating-over-a-single-activity"),
  },
  {
    expression: "@dataset().MyFolderPath",
    scope: { dataset: { MyFolderPath: "outputs/file1" } },
    expected: "outputs/file1",
    source: page(forEach, "blob-dataset-definition"),
  },
  {
    expression: "@item().SourceTable",
    scope: { item: inputTables[0] },
    expected: "department",
    source: page(forEach, "master-pipeline-parameters"),
  },
  {
    expression: "@item().DestTable",
    scope: { item: inputTables[0] },
    expected: "department2",
    source: page(forEach, "master-pipeline-parameters"),
  },
  {
    expression: "@item().SourceTableStructure",
    scope: { item: inputTables[0] },
    expected: inputTables[0]?.SourceTableStructure,
    source: page(forEach, "master-pipeline-parameters"),
  },
  {
    expression: "@item().DestTableStructure[1].name",
    scope: { item: inputTables[0] },
    expected: "departmentname",
    source: page(forEach, "master-pipeline-parameters"),
  },
  {
    expression: "@length(pipeline().parameters.inputtables)",
    scope: { parameters: { inputtables: inputTables } },
    expected: 1,
    source: page(forEach, "master-pipeline-parameters"),
  },

  {
    expression: "@bool(pipeline().parameters.routeSelection)",
    scope: { parameters: ifParams },
    expected: false,
    source: page(ifCondition, "example"),
  },
  {
    expression: "@bool(pipeline().parameters.routeSelection)",
    scope: { parameters: { ...ifParams, routeSelection: "true" } },
    expected: true,
    source: page(ifCondition, "example"),
  },
  {
    expression: "@equals(pipeline().parameters.routeSelection,1)",
    scope: { parameters: { ...ifParams, routeSelection: 1 } },
    expected: true,
    source: page(ifCondition, "example"),
  },
  {
    expression: "@equals(pipeline().parameters.routeSelection,1)",
    scope: { parameters: { ...ifParams, routeSelection: 2 } },
    expected: false,
    source: page(ifCondition, "example"),
  },
  {
    expression: "@pipeline().parameters.outputPath2",
    scope: { parameters: ifParams },
    expected: "adftutorial/outputElse",
    source: page(ifCondition, "pipeline-parameter-json-pipelineparametersjson"),
  },
  {
    expression: "@{dataset().path}",
    scope: { dataset: { path: "adftutorial/outputElse" } },
    expected: "adftutorial/outputElse",
    source: page(ifCondition, "parameterized-azure-blob-dataset-blobdatasetjson"),
  },

  {
    expression:
      "Server=tcp:myserver.database.windows.net,1433;Database=@{linkedService().DBName};User ID=user;Password=fake;Trusted_Connection=False;Encrypt=True;Connection Timeout=30",
    scope: { linkedService: { DBName: "SalesDb" } },
    expected:
      "Server=tcp:myserver.database.windows.net,1433;Database=SalesDb;User ID=user;Password=fake;Trusted_Connection=False;Encrypt=True;Connection Timeout=30",
    source: page("data-factory/parameterize-linked-services.md", "json"),
  },
  {
    expression: "@linkedService().DBName",
    scope: { linkedService: { DBName: "SalesDb" } },
    expected: "SalesDb",
    source: page("data-factory/parameterize-linked-services.md", "json"),
  },

  {
    expression: "@pipeline().globalParameters.environment",
    scope: { globalParameters: { environment: "prod" } },
    expected: "prod",
    source: page(
      "data-factory/author-global-parameters.md",
      "using-global-parameters-in-a-pipeline",
    ),
  },
  {
    expression:
      "@concat('https://', pipeline().globalParameters.host, '/', pipeline().parameters.path)",
    scope: { globalParameters: { host: "contoso.com" }, parameters: { path: "api" } },
    expected: "https://contoso.com/api",
    source: page(
      "data-factory/author-global-parameters.md",
      "using-global-parameters-in-a-pipeline",
    ),
    note: "Doc: global parameters can be used in any pipeline expression.",
  },

  {
    expression: "@pipeline().parameters.account_name",
    scope: { parameters: { account_name: "contosostorage" } },
    expected: "contosostorage",
    source: page(
      "data-factory/concepts-parameters-variables.md",
      "how-to-define-a-pipeline-parameter",
    ),
  },
  {
    expression: "@variables('flag')",
    scope: { variables: { flag: [true, false] } },
    expected: [true, false],
    source: page("data-factory/concepts-parameters-variables.md", "pipeline-variables"),
  },
  {
    expression: "@variables('numItems')",
    scope: { variables: { numItems: 20 } },
    expected: 20,
    source: page("logic-apps/workflow-definition-language-functions-reference.md", "variables"),
  },
  {
    expression: "@item().body",
    scope: { item: { body: "Hello", subject: "Greeting" } },
    expected: "Hello",
    source: page("logic-apps/workflow-definition-language-functions-reference.md", "item"),
  },
];
