import { SluiceError } from "../../core/index.js";
import type { ResolvedDefinition } from "./resolve-definition.js";

/** Where a file-based dataset points, in its container. */
export interface DatasetLocation {
  /** Blob container or ADLS file system; `""` for a file share (its root is the host). */
  readonly container: string;
  /** Folder path inside the container, without leading or trailing `/`; `""` for its root. */
  readonly folderPath: string;
  /** File name, or `""` when the dataset names a folder. */
  readonly fileName: string;
  /**
   * HTTP and REST datasets: the URL below the linked service's `url` (`HttpServerLocation`
   * `relativeUrl`, `RestResource` `relativeUrl`), query included; the linked storage turns it
   * into the file it reads.
   */
  readonly relativeUrl?: string;
}

const locationTypes = [
  "AzureBlobStorageLocation",
  "AzureBlobFSLocation",
  "FileServerLocation",
  "SftpLocation",
  "AmazonS3Location",
  "AmazonS3CompatibleLocation",
  "HttpServerLocation",
];

/**
 * The location of a file-based dataset (parameters bound, expressions resolved): the
 * `location` of a format dataset (Binary, DelimitedText, Json, Parquet...) of type
 * `AzureBlobStorageLocation` (`container`), `AzureBlobFSLocation` (`fileSystem`),
 * `AmazonS3Location` / `AmazonS3CompatibleLocation` (`bucketName`), `FileServerLocation`,
 * `SftpLocation` or `HttpServerLocation` (`relativeUrl`); the legacy `AzureBlob` /
 * `AzureBlobFSFile` / `FileShare` datasets whose `folderPath` starts with the container; or a
 * `RestResource` (`relativeUrl`).
 */
export function datasetLocation(dataset: ResolvedDefinition): DatasetLocation {
  const props = dataset.typeProperties;
  const location = props.location as Record<string, unknown> | undefined;
  if (location !== undefined && location !== null && typeof location === "object") {
    return fromLocation(dataset, location);
  }
  const type = dataset.type.toLowerCase();
  if (type === "azureblob" || type === "azureblobfsfile") {
    const [container = "", ...rest] = splitPath(text(props.folderPath, dataset, "folderPath"));
    return { container, folderPath: rest.join("/"), fileName: fileNameOf(props, dataset) };
  }
  if (type === "restresource" || type === "httpfile") {
    const relativeUrl = text(props.relativeUrl, dataset, "relativeUrl");
    return { container: "", folderPath: "", fileName: "", relativeUrl };
  }
  if (type === "fileshare") {
    const folderPath = splitPath(text(props.folderPath, dataset, "folderPath")).join("/");
    return { container: "", folderPath, fileName: fileNameOf(props, dataset) };
  }
  throw new SluiceError(
    "InvalidArgument",
    `Dataset '${dataset.name}' (${dataset.type}) has no typeProperties.location Sluice can read; supported: ${locationTypes.join(", ")} (or legacy AzureBlob, AzureBlobFSFile, FileShare datasets, and RestResource).`,
    { details: { field: "typeProperties.location", allowed: locationTypes } },
  );
}

function fromLocation(
  dataset: ResolvedDefinition,
  location: Record<string, unknown>,
): DatasetLocation {
  const type = typeof location.type === "string" ? location.type.toLowerCase() : "";
  const folderPath = splitPath(text(location.folderPath, dataset, "location.folderPath")).join("/");
  const fileName = fileNameOf(location, dataset, "location.fileName");
  if (type === "azureblobstoragelocation") {
    return {
      container: text(location.container, dataset, "location.container"),
      folderPath,
      fileName,
    };
  }
  if (type === "azureblobfslocation") {
    return {
      container: text(location.fileSystem, dataset, "location.fileSystem"),
      folderPath,
      fileName,
    };
  }
  if (type === "fileserverlocation" || type === "sftplocation") {
    return { container: "", folderPath, fileName };
  }
  if (type === "amazons3location" || type === "amazons3compatiblelocation") {
    const bucket = text(location.bucketName, dataset, "location.bucketName");
    return { container: bucket, folderPath, fileName };
  }
  if (type === "httpserverlocation") {
    const relativeUrl = text(location.relativeUrl, dataset, "location.relativeUrl");
    return { container: "", folderPath: "", fileName: "", relativeUrl };
  }
  throw new SluiceError(
    "InvalidArgument",
    `Dataset '${dataset.name}' has location type '${String(location.type)}', which Sluice cannot read yet; supported: ${locationTypes.join(", ")}.`,
    {
      details: {
        field: "typeProperties.location.type",
        value: location.type,
        allowed: locationTypes,
      },
    },
  );
}

function fileNameOf(
  from: Record<string, unknown>,
  dataset: ResolvedDefinition,
  field = "fileName",
): string {
  const name = text(from.fileName, dataset, field);
  if (name.includes("/")) {
    throw new SluiceError(
      "InvalidArgument",
      `Dataset '${dataset.name}' ${field} ${JSON.stringify(name)} must be a name without '/'; put folders in folderPath.`,
      { details: { field, value: name } },
    );
  }
  return name;
}

// A missing or null value is "" (ADF leaves folderPath and fileName optional).
function text(value: unknown, dataset: ResolvedDefinition, field: string): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value.trim();
  throw new SluiceError(
    "InvalidArgument",
    `Dataset '${dataset.name}' ${field} must be a string, but it is ${JSON.stringify(value)}.`,
    { details: { field, value } },
  );
}

function splitPath(path: string): string[] {
  return path.split("/").filter((segment) => segment !== "");
}

/** The item's path in its container: `folderPath/fileName`, either part possibly empty. */
export function itemPath(location: DatasetLocation): string {
  return [location.folderPath, location.fileName].filter((part) => part !== "").join("/");
}
