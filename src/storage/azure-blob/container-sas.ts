import { ContainerClient, ContainerSASPermissions } from "@azure/storage-blob";
import { SluiceError } from "../../core/index.js";

/**
 * A URL with a service SAS for a container, signed with the account key of `connectionString`
 * (also `UseDevelopmentStorage=true`): what Batch's resource and output files need to reach a
 * container an ADF linked service names by connection string. `permissions` in Azure's
 * letters (`r`ead, `a`dd, `c`reate, `w`rite, `l`ist, ...). A connection string without an
 * account key cannot sign: `InvalidArgument`, and the message holds no secret.
 */
export async function containerSasUrl(
  connectionString: string,
  container: string,
  permissions: string,
  expiresOn: Date,
): Promise<string> {
  let client: ContainerClient;
  try {
    client = new ContainerClient(connectionString, container);
  } catch (cause) {
    throw new SluiceError("InvalidArgument", "The storage connection string is not valid.", {
      details: { field: "connectionString" },
      cause,
    });
  }
  try {
    return await client.generateSasUrl({
      permissions: ContainerSASPermissions.parse(permissions),
      expiresOn,
    });
  } catch (cause) {
    throw new SluiceError(
      "InvalidArgument",
      `Cannot sign a SAS for container '${container}': the connection string has no account key (a SAS-only connection string cannot grant one).`,
      { details: { field: "connectionString" }, cause },
    );
  }
}
