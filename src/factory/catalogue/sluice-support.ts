/**
 * What Sluice runs, in one place (DESIGN.md: "Unsupported types are a list in one place,
 * shrinking as Sluice grows"). Every ADF type loads, deploys and is stored; a type listed
 * here as not run makes `sluice validate` warn, and running such an activity fails it with
 * `ActivityTypeNotSupported`. When Sluice learns a type, delete its line here (activities) or
 * add it to the `...SluiceUses` list (linked services, datasets, triggers).
 */

const databricks = "it runs on an Azure Databricks cluster, and Sluice has no Databricks engine";
const hdinsight = "it runs on an HDInsight (Hadoop) cluster, and Sluice has no Hadoop engine";
const azureMl = "it calls Azure Machine Learning, which Sluice does not emulate";
const synapse = "it runs on an Azure Synapse Spark pool, which Sluice does not have";
const dataFlow = "it runs a data flow on ADF's Spark runtime, which Sluice does not have";

/**
 * ADF activity types Sluice does not run, each with the reason. Every other ADF activity
 * type runs: ExecutePipeline, ForEach, IfCondition, Switch, Until, Filter, Wait, SetVariable,
 * AppendVariable, Fail, WebActivity, WebHook, GetMetadata, Custom, Copy, Lookup, Delete,
 * Validation, Script (on the PostgreSQL and MySQL linked services).
 */
export const activityTypesSluiceDoesNotRun: Readonly<Record<string, string>> = {
  DatabricksNotebook: databricks,
  DatabricksSparkJar: databricks,
  DatabricksSparkPython: databricks,
  HDInsightHive: hdinsight,
  HDInsightMapReduce: hdinsight,
  HDInsightPig: hdinsight,
  HDInsightSpark: hdinsight,
  HDInsightStreaming: hdinsight,
  AzureMLBatchExecution: azureMl,
  AzureMLExecutePipeline: azureMl,
  AzureMLUpdateResource: azureMl,
  SynapseNotebook: synapse,
  SparkJob: synapse,
  ExecuteDataFlow: dataFlow,
  ExecuteWranglingDataflow: dataFlow,
  ExecuteSSISPackage:
    "it runs an SSIS package on an Azure-SSIS integration runtime, which Sluice does not have",
  SqlServerStoredProcedure:
    "it runs a stored procedure on SQL Server, and Sluice has no SQL Server connector",
  AzureDataExplorerCommand:
    "it runs a command on Azure Data Explorer, and Sluice has no Data Explorer connector",
  AzureFunctionActivity:
    "it calls an Azure Function through ADF's function linked service; use a WebActivity instead",
  "DataLakeAnalyticsU-SQL":
    "it runs U-SQL on Azure Data Lake Analytics, which Sluice does not have (and Azure retired)",
};

/** Linked service types Sluice connects to now: Batch pools, Key Vault, file stores, HTTP, REST, SQL. */
export const linkedServiceTypesSluiceUses: readonly string[] = [
  "AzureBatch",
  // Key Vault references resolve from the local secret store (docs/secrets.md).
  "AzureKeyVault",
  "AzureBlobStorage",
  "AzureStorage",
  "AzureBlobFS",
  "FileServer",
  "HttpServer",
  "PostgreSql",
  "PostgreSqlV2",
  "AzurePostgreSql",
  "MySql",
  "AzureMySql",
  "AmazonS3",
  "AmazonS3Compatible",
  "RestService",
  "Sftp",
];

/** Linked service types the data movement work (issue 8) will connect to. */
export const linkedServiceTypesNotYet: readonly string[] = [];

/** Dataset types Sluice reads now (file and folder metadata, for GetMetadata). */
export const datasetTypesSluiceUses: readonly string[] = [
  "Avro",
  "Binary",
  "DelimitedText",
  "Excel",
  "Json",
  "Orc",
  "Parquet",
  "RestResource",
  "Xml",
  "PostgreSqlTable",
  "PostgreSqlV2Table",
  "AzurePostgreSqlTable",
  "MySqlTable",
  "AzureMySqlTable",
];

/** Dataset types the data movement work (issue 8) will read. */
export const datasetTypesNotYet: readonly string[] = ["HttpFile"];

/** Trigger types Sluice's scheduler fires (the triggers work, issue 5). */
export const triggerTypesSluiceUses: readonly string[] = [
  "ScheduleTrigger",
  "TumblingWindowTrigger",
  "BlobEventsTrigger",
];
