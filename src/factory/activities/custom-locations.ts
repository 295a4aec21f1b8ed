import { SluiceError } from "../../core/index.js";
import { containerSasUrl } from "../../storage/index.js";
import { classifyConnectionString, withPart } from "../connections/connection-string.js";
import type { ResolvedDefinition } from "../connections/resolve-definition.js";
import { optionalSecretText, secretText } from "../connections/secret-value.js";
import { azureUrlWithContainer } from "../connections/storage-url.js";

/**
 * How a Batch task reaches one container of a storage linked service: URLs its resource
 * files read from and its output files write to. The embedded local storage is reached
 * through the Sluice server (`/sluice/storage/<container>`, which agents read and write with
 * their own token); Azure Blob through SAS URLs.
 */
export interface TaskStorage {
  /** A URL a node can read `path` from (a resource file's `httpUrl`). */
  fileUrl(path: string): string;
  /** A URL of the container a node can write to (an output file's `containerUrl`). */
  containerUrl(): string;
  /** `path`'s URL as the activity output shows it: no SAS, no secret. */
  shownUrl(path: string): string;
}

/** Days the SAS URLs handed to a task stay valid: a queued task may wait long. */
const sasDays = 7;

const encodePath = (path: string): string => path.split("/").map(encodeURIComponent).join("/");

/** The {@link TaskStorage} of `container` in a storage linked service (parameters resolved). */
export async function taskStorageOf(
  service: ResolvedDefinition,
  container: string,
  deps: { readonly serverUrl: () => string; readonly now: number },
): Promise<TaskStorage> {
  const type = service.type.toLowerCase();
  if (type !== "azureblobstorage" && type !== "azurestorage") {
    throw new SluiceError(
      "InvalidArgument",
      `Linked service '${service.name}' is of type '${service.type}'; the Custom activity's storage must be an AzureBlobStorage linked service (as in ADF).`,
      { details: { field: "type", value: service.type, allowed: ["AzureBlobStorage"] } },
    );
  }
  const props = service.typeProperties;
  const field = (name: string): string => `linked service '${service.name}' typeProperties.${name}`;
  if (props.connectionString !== undefined) {
    let text = secretText(props.connectionString, field("connectionString"));
    const kind = classifyConnectionString(text);
    if (kind.kind === "local") return localTaskStorage(container, deps.serverUrl);
    const accountKey = optionalSecretText(props.accountKey, field("accountKey"));
    if (kind.kind === "account" && !kind.hasCredential && accountKey !== undefined) {
      text = withPart(text, "AccountKey", accountKey);
    }
    const expires = new Date(deps.now + sasDays * 86_400_000);
    return urlTaskStorage(await containerSasUrl(text, container, "racwl", expires));
  }
  if (props.sasUri !== undefined) {
    const uri = secretText(props.sasUri, field("sasUri"));
    const token = optionalSecretText(props.sasToken, field("sasToken"));
    return urlTaskStorage(azureUrlWithContainer(uri, container, token, field("sasUri")));
  }
  throw new SluiceError(
    "InvalidArgument",
    `Linked service '${service.name}' gives no connectionString or sasUri; the Custom activity needs one to hand its files to Batch.`,
    { details: { field: "typeProperties" } },
  );
}

function localTaskStorage(container: string, serverUrl: () => string): TaskStorage {
  const base = (): string => `${serverUrl()}/sluice/storage/${encodeURIComponent(container)}`;
  return {
    fileUrl: (path) => `${base()}/${encodePath(path)}`,
    containerUrl: base,
    shownUrl: (path) => `${base()}/${encodePath(path)}`,
  };
}

function urlTaskStorage(containerUrl: string): TaskStorage {
  const url = new URL(containerUrl);
  const at = (path: string, withQuery: boolean): string => {
    const file = new URL(url.href);
    file.pathname = `${url.pathname.replace(/\/+$/u, "")}/${encodePath(path)}`;
    if (!withQuery) file.search = "";
    return file.href;
  };
  return {
    fileUrl: (path) => at(path, true),
    containerUrl: () => containerUrl,
    shownUrl: (path) => at(path, false),
  };
}
