/**
 * Every concrete `type` value in ADF's schema (API 2018-06-01), from the discriminators of the
 * `@azure/arm-datafactory` models (12.0.0), plus the types later API versions added (SDK
 * changelogs 13.0.0 to 17.0.0), so that factories authored in today's ADF Studio load. The
 * abstract base types (`Container`, `Execution`, `MultiplePipelineTrigger`) are not listed: no
 * definition can have them.
 */

/** Activity `type` values. */
// prettier-ignore
export const adfActivityTypes: readonly string[] = [
  "AppendVariable", "AzureDataExplorerCommand", "AzureFunctionActivity", "AzureMLBatchExecution",
  "AzureMLExecutePipeline", "AzureMLUpdateResource", "Copy", "Custom", "DataLakeAnalyticsU-SQL",
  "DatabricksNotebook", "DatabricksSparkJar", "DatabricksSparkPython", "Delete",
  "ExecuteDataFlow", "ExecutePipeline", "ExecuteSSISPackage", "ExecuteWranglingDataflow", "Fail",
  "Filter", "ForEach", "GetMetadata", "HDInsightHive", "HDInsightMapReduce", "HDInsightPig",
  "HDInsightSpark", "HDInsightStreaming", "IfCondition", "Lookup", "Script", "SetVariable",
  "SparkJob", "SqlServerStoredProcedure", "Switch", "SynapseNotebook", "Until", "Validation",
  "Wait", "WebActivity", "WebHook",
];

/** Linked service `type` values. */
// prettier-ignore
export const adfLinkedServiceTypes: readonly string[] = [
  "AmazonMWS", "AmazonRdsForOracle", "AmazonRdsForSqlServer", "AmazonRedshift", "AmazonS3",
  "AmazonS3Compatible", "AppFigures", "Asana", "AzureBatch", "AzureBlobFS", "AzureBlobStorage",
  "AzureDataExplorer", "AzureDataLakeAnalytics", "AzureDataLakeStore", "AzureDatabricks",
  "AzureDatabricksDeltaLake", "AzureFileStorage", "AzureFunction", "AzureKeyVault", "AzureML",
  "AzureMLService", "AzureMariaDB", "AzureMySql", "AzurePostgreSql", "AzureSearch",
  "AzureSqlDW", "AzureSqlDatabase", "AzureSqlMI", "AzureStorage", "AzureSynapseArtifacts",
  "AzureTableStorage", "Cassandra", "CommonDataServiceForApps", "Concur", "CosmosDb",
  "CosmosDbMongoDbApi", "Couchbase", "CustomDataSource", "Dataworld", "Db2", "Drill",
  "Dynamics", "DynamicsAX", "DynamicsCrm", "Eloqua", "FileServer", "FtpServer", "GoogleAdWords",
  "GoogleBigQuery", "GoogleCloudStorage", "GoogleSheets", "Greenplum", "HBase", "HDInsight",
  "HDInsightOnDemand", "Hdfs", "Hive", "HttpServer", "Hubspot", "Impala", "Informix", "Jira",
  "LakeHouse", "Magento", "MariaDB", "Marketo", "MicrosoftAccess", "MongoDb", "MongoDbAtlas",
  "MongoDbV2", "MySql", "Netezza", "OData", "Odbc", "Office365", "Oracle", "OracleCloudStorage",
  "OracleServiceCloud", "Paypal", "Phoenix", "PostgreSql", "Presto", "QuickBooks", "Quickbase",
  "Responsys", "RestService", "Salesforce", "SalesforceMarketingCloud",
  "SalesforceServiceCloud", "SapBW", "SapCloudForCustomer", "SapEcc", "SapHana", "SapOdp",
  "SapOpenHub", "SapTable", "ServiceNow", "Sftp", "SharePointOnlineList", "Shopify",
  "Smartsheet", "Snowflake", "Spark", "SqlServer", "Square", "Sybase", "TeamDesk", "Teradata",
  "Twilio", "Vertica", "Web", "Xero", "Zendesk", "Zoho",
  // Added by later API versions (SDK 13.0.0 to 14.1.0).
  "SalesforceV2", "SalesforceServiceCloudV2", "SnowflakeV2", "Warehouse", "PostgreSqlV2",
  "GoogleBigQueryV2", "ServiceNowV2",
];

/** Dataset `type` values. */
// prettier-ignore
export const adfDatasetTypes: readonly string[] = [
  "AmazonMWSObject", "AmazonRdsForOracleTable", "AmazonRdsForSqlServerTable",
  "AmazonRedshiftTable", "AmazonS3Object", "Avro", "AzureBlob", "AzureBlobFSFile",
  "AzureDataExplorerTable", "AzureDataLakeStoreFile", "AzureDatabricksDeltaLakeDataset",
  "AzureMariaDBTable", "AzureMySqlTable", "AzurePostgreSqlTable", "AzureSearchIndex",
  "AzureSqlDWTable", "AzureSqlMITable", "AzureSqlTable", "AzureTable", "Binary",
  "CassandraTable", "CommonDataServiceForAppsEntity", "ConcurObject",
  "CosmosDbMongoDbApiCollection", "CosmosDbSqlApiCollection", "CouchbaseTable", "CustomDataset",
  "Db2Table", "DelimitedText", "DocumentDbCollection", "DrillTable", "DynamicsAXResource",
  "DynamicsCrmEntity", "DynamicsEntity", "EloquaObject", "Excel", "FileShare",
  "GoogleAdWordsObject", "GoogleBigQueryObject", "GreenplumTable", "HBaseObject", "HiveObject",
  "HttpFile", "HubspotObject", "ImpalaObject", "InformixTable", "JiraObject", "Json",
  "LakeHouseTable", "MagentoObject", "MariaDBTable", "MarketoObject", "MicrosoftAccessTable",
  "MongoDbAtlasCollection", "MongoDbCollection", "MongoDbV2Collection", "MySqlTable",
  "NetezzaTable", "ODataResource", "OdbcTable", "Office365Table", "OracleServiceCloudObject",
  "OracleTable", "Orc", "Parquet", "PaypalObject", "PhoenixObject", "PostgreSqlTable",
  "PrestoObject", "QuickBooksObject", "RelationalTable", "ResponsysObject", "RestResource",
  "SalesforceMarketingCloudObject", "SalesforceObject", "SalesforceServiceCloudObject",
  "SapBwCube", "SapCloudForCustomerResource", "SapEccResource", "SapHanaTable",
  "SapOdpResource", "SapOpenHubTable", "SapTableResource", "ServiceNowObject",
  "SharePointOnlineListResource", "ShopifyObject", "SnowflakeTable", "SparkObject",
  "SqlServerTable", "SquareObject", "SybaseTable", "TeradataTable", "VerticaTable", "WebTable",
  "XeroObject", "Xml", "ZohoObject",
  // Added by later API versions (SDK 13.0.0 to 14.1.0).
  "SalesforceV2Object", "SalesforceServiceCloudV2Object", "SnowflakeV2Table", "WarehouseTable",
  "PostgreSqlV2Table", "GoogleBigQueryV2Object", "ServiceNowV2Object",
];

/** Trigger `type` values. */
// prettier-ignore
export const adfTriggerTypes: readonly string[] = [
  "BlobEventsTrigger", "BlobTrigger", "ChainingTrigger", "CustomEventsTrigger",
  "RerunTumblingWindowTrigger", "ScheduleTrigger", "TumblingWindowTrigger",
];
