import { BlobServiceClient } from "@azure/storage-blob";
import { SluiceError } from "../../core/index.js";
import { azureError } from "./azure-errors.js";

/**
 * The names of every container of the storage account a connection string names (what a
 * storage event trigger without a container in its path watches). A bad connection string
 * is `InvalidArgument` without the string in the message (it holds the account key).
 */
export async function listAzureContainers(connectionString: string): Promise<string[]> {
  let service: BlobServiceClient;
  try {
    service = BlobServiceClient.fromConnectionString(connectionString);
  } catch (error) {
    throw new SluiceError(
      "InvalidArgument",
      "connectionString is not a valid Azure Storage connection string: expected AccountName=...;AccountKey=...;BlobEndpoint=... (or DefaultEndpointsProtocol and EndpointSuffix), or UseDevelopmentStorage=true.",
      { details: { field: "connectionString" }, cause: error instanceof Error ? error.name : "" },
    );
  }
  const names: string[] = [];
  try {
    for await (const container of service.listContainers()) names.push(container.name);
  } catch (error) {
    throw azureError(error, { storage: `Azure Blob account ${service.accountName}`, path: "" });
  }
  return names.sort();
}
