import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/core/index.js";
import { createCopyExecutor } from "../../src/factory/activities/copy-activity.js";
import { createLookupExecutor } from "../../src/factory/activities/lookup-activity.js";
import {
  invocationOf,
  outputOf,
  resourcesOf,
  sendJson,
  startTestServer,
  type ReceivedRequest,
  type TestServer,
} from "../factory-activities/activity-kit.js";
import {
  copyOf,
  dataFolders,
  dataset,
  duckRows,
  linkedServices,
  ref,
  type DataFolders,
} from "./data-kit.js";
import { expectCopyFailure, fileHandler, locatedDataset, service } from "./http-kit.js";
import type { ServerResponse } from "node:http";

const password = "p@ss-Word-77";
const basic = `Basic ${Buffer.from(`reader:${password}`).toString("base64")}`;

describe("Copy and Lookup from HttpServer and RestService (a local HTTP server)", () => {
  let folders: DataFolders;
  let web: TestServer;
  const files = new Map<string, string | Buffer>();
  const defs = (secret = password) => ({
    linkedServices: [
      ...linkedServices(folders.share),
      service("Web", "HttpServer", {
        url: `${web.url}/files/`,
        authenticationType: "Basic",
        userName: "reader",
        password: { type: "SecureString", value: secret },
      }),
      service("Api", "RestService", { url: `${web.url}/api`, authenticationType: "Anonymous" }),
    ],
    datasets: [
      ...["DelimitedText", "Json", "Parquet", "Binary"].map((type) =>
        locatedDataset(
          `Web${type}`,
          type,
          "Web",
          { type: "HttpServerLocation", relativeUrl: "@dataset().file" },
          type === "DelimitedText" ? { firstRowAsHeader: true } : {},
        ),
      ),
      rest("Pages", "items?page=1", { AbsoluteUrl: "$.nextLink" }, { "X-Tenant": "t1" }),
      rest("Offsets", "offsets?limit=2&offset={offset}", {
        "QueryParameters.{offset}": "RANGE:0::2",
        "EndCondition:$.data": "Empty",
        MaxRequestNumber: "10",
      }),
      rest("Search", "search", { AbsoluteUrl: "$.nextLink" }),
      dataset("LocalCsv", "DelimitedText", "Local", { firstRowAsHeader: true }),
      dataset("LocalJson", "Json", "Local"),
      dataset("LocalBin", "Binary", "Local"),
    ],
  });
  const executor = () =>
    createCopyExecutor({
      clock: systemClock,
      localStorageRoot: folders.root,
      tempRoot: folders.temp,
    });
  const local = (path: string) => readFile(join(folders.root, path), "utf8");

  beforeAll(async () => {
    folders = await dataFolders();
    const parquet = join(folders.temp, "p.parquet");
    await duckRows(
      `COPY (SELECT 1 AS id, 'x' AS name UNION ALL SELECT 2, 'y') TO '${parquet}' (FORMAT parquet)`,
    );
    files.set("sales.csv", "sku,qty\nA,1\nB,22\n");
    files.set("items.json", '{"sku":"A","qty":1}\n{"sku":"B","qty":2}\n');
    files.set("table.parquet", await readFile(parquet));
    files.set("blob.bin", Buffer.from([0, 1, 2, 254, 255]));
    const serveFile = fileHandler(files);
    web = await startTestServer((request, response) => {
      if (request.url.startsWith("/api/")) return api(request, response, web.url);
      if (request.headers.authorization !== basic) {
        response.writeHead(401, { "WWW-Authenticate": "Basic" }).end();
        return;
      }
      serveFile({ ...request, url: request.url.replace(/^\/files/u, "") }, response);
    });
  });
  afterAll(async () => {
    await web.close();
    await folders.remove();
  });

  it("copies CSV, JSON, Parquet and Binary files from an HttpServer with Basic auth", async () => {
    const csv = await executor().run(
      copyOf(
        defs(),
        ref("WebDelimitedText", { file: "sales.csv" }),
        ref("LocalJson", { container: "out", file: "sales.json" }),
      ),
    );
    expect(outputOf(csv)).toMatchObject({ filesRead: 1, rowsCopied: 2, dataRead: 17 });
    expect(await local("out/sales.json")).toBe('{"sku":"A","qty":"1"}\n{"sku":"B","qty":"22"}\n');
    const json = await executor().run(
      copyOf(
        defs(),
        ref("WebJson", { file: "items.json" }),
        ref("LocalCsv", { container: "out", file: "items.csv" }),
      ),
    );
    expect(outputOf(json).rowsCopied).toBe(2);
    expect(await local("out/items.csv")).toBe("sku,qty\r\nA,1\r\nB,2\r\n");
    const parquet = await executor().run(
      copyOf(
        defs(),
        ref("WebParquet", { file: "table.parquet" }),
        ref("LocalCsv", { container: "out", file: "table.csv" }),
      ),
    );
    expect(outputOf(parquet).rowsCopied).toBe(2);
    expect(await local("out/table.csv")).toBe("id,name\r\n1,x\r\n2,y\r\n");
    const binary = await executor().run(
      copyOf(
        defs(),
        ref("WebBinary", { file: "blob.bin" }),
        ref("LocalBin", { container: "out", file: "blob.bin" }),
      ),
    );
    expect(outputOf(binary)).toMatchObject({ filesWritten: 1, dataWritten: 5 });
    expect(await readFile(join(folders.root, "out/blob.bin"))).toEqual(
      Buffer.from([0, 1, 2, 254, 255]),
    );
  });

  it("fails with ADF's error shape on a wrong password or a missing file, never showing the password", async () => {
    const denied = await executor().run(
      copyOf(
        defs("not-it-99"),
        ref("WebBinary", { file: "blob.bin" }),
        ref("LocalBin", { container: "out", file: "d.bin" }),
      ),
    );
    expectCopyFailure(denied, "401", "not-it-99");
    const missing = await executor().run(
      copyOf(
        defs(),
        ref("WebBinary", { file: "gone.bin" }),
        ref("LocalBin", { container: "out", file: "g.bin" }),
      ),
    );
    expect((missing as { error: { message: string } }).error.message).toContain(
      "UserErrorFileNotFound",
    );
  });

  it("follows AbsoluteUrl pagination from $.nextLink, sending additionalHeaders, into a JSON file", async () => {
    const before = web.requests.length;
    const outcome = await executor().run(
      copyOf(defs(), ref("Pages"), ref("LocalJson", { container: "out", file: "pages.json" })),
    );
    expect(outputOf(outcome)).toMatchObject({ filesRead: 1, rowsCopied: 3 });
    const pages = web.requests
      .slice(before)
      .filter((request) => request.url.startsWith("/api/items"));
    expect(pages.map((request) => request.url)).toEqual([
      "/api/items?page=1",
      "/api/items?page=2",
      "/api/items?page=3",
    ]);
    expect(pages.every((request) => request.headers["x-tenant"] === "t1")).toBe(true);
    const lines = (await local("out/pages.json"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { value: { id: number }[] });
    expect(lines.flatMap((page) => page.value.map((item) => item.id))).toEqual([1, 2, 3, 4, 5]);
  });

  it("POSTs the Copy source's requestBody to a RestService, on every page, into a JSON file", async () => {
    const before = web.requests.length;
    const source = {
      type: "RestSource",
      requestMethod: "POST",
      requestBody: '{"region":"west"}',
      additionalHeaders: { "Content-Type": "application/json" },
    };
    const outcome = await executor().run(
      copyOf(defs(), ref("Search"), ref("LocalJson", { container: "out", file: "search.json" }), {
        source,
      }),
    );
    expect(outputOf(outcome)).toMatchObject({ filesRead: 1, filesWritten: 1, rowsCopied: 2 });
    const asked = web.requests.slice(before);
    expect(asked.map((request) => [request.method, request.url, request.body])).toEqual([
      ["POST", "/api/search", '{"region":"west"}'],
      ["POST", "/api/search?page=2", '{"region":"west"}'],
    ]);
    expect(asked.every((request) => request.headers["content-type"] === "application/json")).toBe(
      true,
    );
    const pages = (await local("out/search.json"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { results: string[] });
    expect(pages.map((page) => page.results)).toEqual([["west-1", "west-2"], ["west-3"]]);
    // Without requestMethod the source GETs, which this endpoint refuses.
    const got = await executor().run(
      copyOf(defs(), ref("Search"), ref("LocalJson", { container: "out", file: "get.json" })),
    );
    expectCopyFailure(got, "405");
  });

  it("pages with a RANGE query parameter until the EndCondition, and Lookup reads REST and HTTP", async () => {
    const before = web.requests.length;
    const outcome = await executor().run(
      copyOf(defs(), ref("Offsets"), ref("LocalJson", { container: "out", file: "offsets.json" })),
    );
    // The empty page is a response too (the end condition stops after reading it).
    expect(outputOf(outcome).rowsCopied).toBe(4);
    expect(web.requests.slice(before).map((request) => request.url)).toEqual([
      "/api/offsets?limit=2&offset=0",
      "/api/offsets?limit=2&offset=2",
      "/api/offsets?limit=2&offset=4",
      "/api/offsets?limit=2&offset=6",
    ]);
    const lookup = createLookupExecutor({ localStorageRoot: folders.root, tempRoot: folders.temp });
    const csv = await lookup.run(
      invocationOf(
        "Lookup",
        { dataset: ref("WebDelimitedText", { file: "sales.csv" }) },
        { resources: resourcesOf(defs()) },
      ),
    );
    expect(outputOf(csv)).toEqual({ firstRow: { sku: "A", qty: "1" } });
    const api = await lookup.run(
      invocationOf(
        "Lookup",
        { dataset: ref("Pages"), firstRowOnly: false },
        { resources: resourcesOf(defs()) },
      ),
    );
    expect(outputOf(api).count).toBe(3);
  });
});

function rest(
  name: string,
  relativeUrl: string,
  paginationRules: Record<string, string>,
  additionalHeaders: Record<string, string> = {},
) {
  return {
    name,
    properties: {
      type: "RestResource",
      linkedServiceName: { referenceName: "Api", type: "LinkedServiceReference" },
      typeProperties: { relativeUrl, paginationRules, additionalHeaders },
    },
  };
}

// /api/items?page=N: three pages linked by nextLink (absolute for page 2, relative for 3);
// /api/offsets?offset=K: five items, two at a time, then an empty page.
function api(request: ReceivedRequest, response: ServerResponse, origin: string): void {
  const url = new URL(request.url, origin);
  if (url.pathname === "/api/items") {
    const page = Number(url.searchParams.get("page"));
    const items = [[1, 2], [3, 4], [5]][page - 1] ?? [];
    const nextLink =
      page === 1 ? `${origin}/api/items?page=2` : page === 2 ? "/api/items?page=3" : undefined;
    sendJson(response, 200, {
      value: items.map((id) => ({ id })),
      ...(nextLink === undefined ? {} : { nextLink }),
    });
    return;
  }
  if (url.pathname === "/api/search") {
    search(request, response, url);
    return;
  }
  if (url.pathname === "/api/offsets") {
    const offset = Number(url.searchParams.get("offset"));
    const data = [1, 2, 3, 4, 5].slice(offset, offset + 2).map((id) => ({ id }));
    sendJson(response, 200, { data });
    return;
  }
  response.writeHead(404).end();
}

// POST /api/search with a JSON body {"region"}: two pages of results for the region, the
// first linking to the second; any other method answers 405.
function search(request: ReceivedRequest, response: ServerResponse, url: URL): void {
  if (request.method !== "POST") {
    response.writeHead(405, { Allow: "POST" }).end();
    return;
  }
  const { region } = JSON.parse(request.body) as { region: string };
  const second = url.searchParams.get("page") === "2";
  const results = second ? [`${region}-3`] : [`${region}-1`, `${region}-2`];
  sendJson(response, 200, {
    results,
    ...(second ? {} : { nextLink: `${url.origin}/api/search?page=2` }),
  });
}
