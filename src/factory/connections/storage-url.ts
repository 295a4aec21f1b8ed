import { SluiceError } from "../../core/index.js";

// Path-style hosts (an IP address or localhost, as Azurite) put the account before the container.
const pathStyleHost = /^(\d+\.\d+\.\d+\.\d+|\[[0-9a-f:]+\]|localhost)$/iu;

/**
 * The container URL for `container` from a linked service's `sasUri` or `containerUri`: an
 * account-level URI (`https://acct.blob.core.windows.net/?sv=...`, or path-style
 * `http://127.0.0.1:10000/devstoreaccount1?sv=...`) gets the container appended; a URI that
 * already names a container is kept. A separate `sasToken` becomes the query. Errors name
 * `field` and show the URI without its query (the SAS).
 */
export function azureUrlWithContainer(
  uri: string,
  container: string,
  sasToken: string | undefined,
  field: string,
): string {
  const url = URL.canParse(uri) ? new URL(uri) : undefined;
  if (url === undefined || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new SluiceError(
      "InvalidArgument",
      `${field} is not an http(s) URL of an Azure Storage account or container.`,
      { details: { field } },
    );
  }
  const segments = url.pathname.split("/").filter((segment) => segment !== "");
  const accountSegments = pathStyleHost.test(url.hostname) ? 1 : 0;
  if (segments.length === accountSegments) {
    if (container === "") {
      throw new SluiceError(
        "InvalidArgument",
        `${field} ${JSON.stringify(url.origin + url.pathname)} names no container, and the dataset names none either.`,
        { details: { field } },
      );
    }
    segments.push(encodeURIComponent(container));
  }
  url.pathname = `/${segments.join("/")}`;
  if (sasToken !== undefined && sasToken !== "") url.search = sasToken.replace(/^\?/u, "");
  return url.href;
}
