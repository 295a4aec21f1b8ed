import { SluiceError } from "../../core/index.js";

/** A parsed container URL: the URL to give the SDK, and a description without the SAS. */
export interface ContainerUrl {
  readonly url: string;
  readonly description: string;
}

/**
 * Checks an Azure Blob container URL (Batch's `storageContainerUrl` / `containerUrl`):
 * http(s), with a container in its path (`https://acct.blob.core.windows.net/container?sas`,
 * or path-style `http://127.0.0.1:10000/devstoreaccount1/container?sas` for Azurite), and no
 * blob path after the container. Throws `InvalidArgument` naming `field` otherwise.
 */
export function parseContainerUrl(value: unknown, field = "storageContainerUrl"): ContainerUrl {
  const url = typeof value === "string" && URL.canParse(value) ? new URL(value) : undefined;
  if (url === undefined || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw invalidUrl(field, value, "an http(s) URL of an Azure Blob container");
  }
  const segments = url.pathname.split("/").filter((segment) => segment !== "");
  // Path-style hosts (an IP address or localhost, as Azurite) put the account before the container.
  const pathStyle = /^(\d+\.\d+\.\d+\.\d+|\[[0-9a-f:]+\]|localhost)$/iu.test(url.hostname);
  const expected = pathStyle ? 2 : 1;
  if (segments.length !== expected) {
    const shape = pathStyle ? "http://host:port/account/container" : "https://host/container";
    throw invalidUrl(field, redact(url), `a container URL of the form ${shape}, with a SAS query`);
  }
  return { url: url.href, description: `Azure Blob container ${redact(url)}` };
}

/** The URL without its query, so a SAS never lands in a message or a log. */
export function redact(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

function invalidUrl(field: string, value: unknown, allowed: string): SluiceError {
  const shown = typeof value === "string" && URL.canParse(value) ? redact(new URL(value)) : value;
  return new SluiceError(
    "InvalidArgument",
    `${field} ${JSON.stringify(shown)} is not valid: expected ${allowed}.`,
    { details: { field, value: shown, allowed } },
  );
}
