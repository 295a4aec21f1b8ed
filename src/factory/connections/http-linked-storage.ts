import { SluiceError } from "../../core/index.js";
import { openHttpStorage, openRestStorage } from "../../storage/index.js";
import type { DatasetLocation } from "./dataset-location.js";
import type { LinkedStorage } from "./linked-storage.js";
import type { ResolvedDefinition } from "./resolve-definition.js";
import {
  authHeadersOf,
  checkAuthenticationType,
  servicePropertiesOf,
} from "./service-properties.js";
import { requestSettingsOf } from "./rest-request-settings.js";

/** What an HTTP or REST dataset adds to its linked service. */
export interface HttpTarget {
  readonly location?: DatasetLocation;
  readonly dataset?: ResolvedDefinition;
  /** The Copy activity's `source` (RestSource settings override the dataset's). */
  readonly sourceSettings?: Readonly<Record<string, unknown>>;
}

/**
 * ADF's `HttpServer` linked service: `url` plus the dataset's `relativeUrl` names one file,
 * read with GET (Range for parts); `authenticationType` Anonymous or Basic (`userName`,
 * `password`), and `authHeaders`. The file is the last segment of the combined URL.
 */
export function openHttpService(service: ResolvedDefinition, target: HttpTarget): LinkedStorage {
  const { url, headers } = requestBase(service);
  const full = combinedUrl(url, target.location?.relativeUrl ?? "");
  const slash = full.pathname.lastIndexOf("/");
  const name = safeDecode(full.pathname.slice(slash + 1));
  if (name === "") {
    throw new SluiceError(
      "InvalidArgument",
      `HttpServer '${service.name}': the URL ${full.origin}${full.pathname} names no file; give url or relativeUrl ending in the file's name.`,
      { details: { field: "relativeUrl" } },
    );
  }
  const folder = `${full.origin}${full.pathname.slice(0, slash + 1)}${full.search}`;
  const connector = openHttpStorage(folder, { headers });
  return httpLinkedStorage(connector, name);
}

/**
 * ADF's `RestService` linked service as a Copy source: `url` plus `relativeUrl`, Anonymous
 * or Basic authentication, `authHeaders`; the dataset's (or the Copy source's)
 * `requestMethod`, `requestBody`, `additionalHeaders`, `paginationRules`,
 * `httpRequestTimeout` and `requestInterval`. The response is one JSON file named after the
 * URL's last segment.
 */
export function openRestService(service: ResolvedDefinition, target: HttpTarget): LinkedStorage {
  const { url, headers } = requestBase(service);
  const full = combinedUrl(url, target.location?.relativeUrl ?? "");
  const settings = requestSettingsOf(target.dataset, target.sourceSettings);
  const last = safeDecode(full.pathname.slice(full.pathname.lastIndexOf("/") + 1));
  const fileName = last === "" ? "response.json" : last.includes(".") ? last : `${last}.json`;
  const connector = openRestStorage({
    url: full.href,
    fileName,
    method: settings.method,
    ...(settings.body === undefined ? {} : { body: settings.body }),
    headers: { ...headers, ...settings.headers },
    paginationRules: settings.paginationRules,
    ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
    ...(settings.intervalMs === undefined ? {} : { requestIntervalMs: settings.intervalMs }),
  });
  return httpLinkedStorage(connector, fileName);
}

function httpLinkedStorage(connector: LinkedStorage["connector"], fileName: string): LinkedStorage {
  return {
    connector,
    container: "",
    location: { container: "", folderPath: "", fileName },
    // An HTTP source has no folders to look at; its one "folder" is the URL's.
    folderExists: (path) => Promise.resolve(path === ""),
  };
}

function requestBase(service: ResolvedDefinition): { url: URL; headers: Record<string, string> } {
  const props = servicePropertiesOf(service);
  const auth = checkAuthenticationType(service, props.text("authenticationType"), [
    "Anonymous",
    "Basic",
  ]);
  const text = props.requiredText("url", "the server's base URL");
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new SluiceError(
      "InvalidArgument",
      `${props.field("url")} is not valid: expected an http:// or https:// URL.`,
      { details: { field: "typeProperties.url" } },
    );
  }
  const headers = authHeadersOf(service);
  if (auth === "Basic") {
    const user = props.requiredText("userName", "the user for Basic authentication");
    const password = props.secret("password") ?? "";
    headers.Authorization = `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
  }
  return { url, headers };
}

// ADF joins them as `<url>/<relativeUrl>`; a relativeUrl that is a whole URL stands alone.
function combinedUrl(base: URL, relativeUrl: string): URL {
  const relative = relativeUrl.trim();
  if (relative === "") return new URL(base.href);
  if (/^https?:\/\//iu.test(relative)) return new URL(relative);
  const [path = "", query] = relative.split(/\?(.*)/su);
  const joined = new URL(base.href);
  joined.pathname = `${base.pathname.replace(/\/+$/u, "")}/${path.replace(/^\/+/u, "")}`;
  if (query !== undefined && query !== "") {
    joined.search = base.search === "" ? `?${query}` : `${base.search}&${query}`;
  }
  return joined;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch (error) {
    if (error instanceof URIError) return segment;
    throw error;
  }
}
