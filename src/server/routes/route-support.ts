// What every Batch route shares: the request's base URL, If-Match, paging query
// parameters, list bodies with `odata.nextLink`, response headers of a written resource,
// and byte ranges.
import type { FastifyReply, FastifyRequest } from "fastify";
import {
  BatchError,
  type ByteRange,
  type ListResult,
  type PagingOptions,
} from "../../batch/index.js";

/** `http://host:port` as the client reached the server: the base of every resource URL. */
export function baseUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/** The `If-Match` etag, if the request sets one (`*` matches anything, as none). */
export function ifMatchOf(request: FastifyRequest): { ifMatch?: string } {
  const header = request.headers["if-match"];
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === "*" || value.trim() === "") return {};
  return { ifMatch: value.trim().replace(/^"(.*)"$/, "$1") };
}

/** A query parameter, once. */
export function queryParam(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, unknown>)[name];
  if (Array.isArray(value)) return typeof value[0] === "string" ? value[0] : undefined;
  return typeof value === "string" ? value : undefined;
}

/** `maxresults` (1 to 1000) and `$skiptoken` (from a previous `odata.nextLink`). */
export function pagingOf(request: FastifyRequest): PagingOptions & { filter?: string } {
  const max = queryParam(request, "maxresults");
  const token = queryParam(request, "$skiptoken");
  const filter = queryParam(request, "$filter");
  let maxResults: number | undefined;
  if (max !== undefined) {
    maxResults = Number(max);
    if (!/^\d+$/.test(max) || maxResults < 1 || maxResults > 1000) {
      throw new BatchError(
        "InvalidQueryParameterValue",
        `maxresults '${max}' is not valid: give an integer from 1 to 1000.`,
        { PropertyName: "maxresults", PropertyValue: max },
      );
    }
  }
  return {
    ...(maxResults === undefined ? {} : { maxResults }),
    ...(token === undefined ? {} : { continuationToken: token }),
    ...(filter === undefined ? {} : { filter }),
  };
}

/** Batch's list body: `odata.metadata`, `value`, and `odata.nextLink` when more follow. */
export function listBody<T>(
  request: FastifyRequest,
  result: ListResult<T>,
  entitySet: string,
): Record<string, unknown> {
  const base = baseUrlOf(request);
  const body: Record<string, unknown> = {
    "odata.metadata": `${base}/$metadata#${entitySet}`,
    value: result.value,
  };
  if (result.continuationToken !== undefined) {
    const url = new URL(request.url, base);
    url.searchParams.set("$skiptoken", result.continuationToken);
    body["odata.nextLink"] = url.toString();
  }
  return body;
}

/** What the service returns for a resource it wrote. */
export interface WrittenResource {
  readonly id: string;
  readonly etag: string;
  /** Epoch milliseconds. */
  readonly lastModified: number;
}

/** The headers Batch sets on a written resource: ETag, Last-Modified, DataServiceId. */
export function resourceHeaders(
  reply: FastifyReply,
  resource: WrittenResource,
  url: string,
): FastifyReply {
  return reply
    .header("etag", resource.etag)
    .header("last-modified", new Date(resource.lastModified).toUTCString())
    .header("dataserviceid", url)
    .header("location", url);
}

/** ETag and Last-Modified of a read resource, from its body. */
export function readHeaders(
  reply: FastifyReply,
  resource: { eTag?: string; lastModified?: string },
): FastifyReply {
  if (resource.eTag !== undefined) reply.header("etag", resource.eTag);
  if (resource.lastModified !== undefined) {
    reply.header("last-modified", new Date(resource.lastModified).toUTCString());
  }
  return reply;
}

/**
 * The byte range a request asks for: `ocp-range` (Batch's) or `Range`, as `bytes=a-b`,
 * `bytes=a-` or `bytes=-n` (the last n bytes). Undefined for the whole file.
 */
export function rangeOf(request: FastifyRequest): { range: ByteRange; batch: boolean } | undefined {
  const ocp = request.headers["ocp-range"];
  const http = request.headers.range;
  const text = (Array.isArray(ocp) ? ocp[0] : ocp) ?? (Array.isArray(http) ? http[0] : http);
  if (text === undefined) return undefined;
  const match = /^\s*bytes=(\d*)-(\d*)\s*$/.exec(text);
  const [start, end] = [match?.[1] ?? "", match?.[2] ?? ""];
  if (
    match === null ||
    (start === "" && end === "") ||
    (start !== "" && end !== "" && Number(end) < Number(start))
  ) {
    throw new BatchError(
      "InvalidHeaderValue",
      `Range '${text}' is not valid: use bytes=<first>-<last>, bytes=<first>- or bytes=-<count>.`,
      { HeaderName: ocp === undefined ? "Range" : "ocp-range", HeaderValue: text },
    );
  }
  const range: ByteRange =
    start === ""
      ? { suffix: Number(end) }
      : { start: Number(start), ...(end === "" ? {} : { end: Number(end) }) };
  return { range, batch: ocp !== undefined };
}
