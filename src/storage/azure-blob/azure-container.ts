import {
  AnonymousCredential,
  ContainerClient,
  newPipeline,
  type StoragePipelineOptions,
} from "@azure/storage-blob";
import { SluiceError } from "../../core/index.js";
import { parseContainerUrl, redact } from "./azure-location.js";

/** Where an Azure Blob container is: a container URL with a SAS, or a connection string. */
export type AzureBlobLocation =
  | { readonly containerUrl: string }
  | { readonly connectionString: string; readonly containerName: string };

// Azure's container naming rule: 3-63 of a-z, 0-9 and single hyphens, starting and ending
// with a letter or digit.
const containerName = /^(?=.{3,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$/u;

/** An SDK client for the location, and a description of it that holds no secret. */
export function openContainerClient(
  location: AzureBlobLocation,
  options: StoragePipelineOptions,
): { client: ContainerClient; description: string } {
  if ("containerUrl" in location) {
    const { url, description } = parseContainerUrl(location.containerUrl, "containerUrl");
    const client = new ContainerClient(url, newPipeline(new AnonymousCredential(), options));
    return { client, description };
  }
  const name = location.containerName;
  if (typeof name !== "string" || !containerName.test(name)) {
    throw new SluiceError(
      "InvalidArgument",
      `containerName ${JSON.stringify(name)} is not valid: Azure container names have 3 to 63 characters, lowercase letters, digits and single hyphens, starting and ending with a letter or digit.`,
      { details: { field: "containerName", value: name } },
    );
  }
  try {
    const client = new ContainerClient(location.connectionString, name, options);
    return { client, description: `Azure Blob container ${redact(new URL(client.url))}` };
  } catch (error) {
    // The SDK's message may quote the connection string, key included: leave it out.
    throw new SluiceError(
      "InvalidArgument",
      "connectionString is not a valid Azure Storage connection string: expected AccountName=...;AccountKey=...;BlobEndpoint=... (or DefaultEndpointsProtocol and EndpointSuffix), or UseDevelopmentStorage=true.",
      { details: { field: "connectionString" }, cause: error instanceof Error ? error.name : "" },
    );
  }
}
