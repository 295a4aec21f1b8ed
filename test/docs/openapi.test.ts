// The REST reference (docs/openapi.json) describes exactly the routes a real server serves,
// and is what `npm run docs:openapi` generates now.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../../src/app/index.js";
import { apiOperations, openApiDocument } from "../../src/server/index.js";
import { openApiFile, openApiJson } from "../../scripts/openapi-json.js";

describe("the REST API reference", () => {
  let server: RunningServer;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "sluice-openapi-"));
    server = await startServer({ dataDir, port: 0, localPools: false });
  });
  afterAll(async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("describes every route the server registers, and no other", () => {
    const registered = new Set(server.routes().map((r) => `${r.method} ${r.url}`));
    const described = new Set(apiOperations.map((spec) => `${spec.method} ${spec.path}`));
    // Fastify answers HEAD for every GET; the GET's description covers it.
    const served = [...registered].filter(
      (route) =>
        !(route.startsWith("HEAD ") && registered.has(`GET ${route.slice(5)}`)) ||
        described.has(route),
    );
    expect(served.filter((route) => !described.has(route)).sort()).toEqual([]);
    expect([...described].filter((route) => !registered.has(route)).sort()).toEqual([]);
    expect(served.length).toBeGreaterThan(80);
  });

  it("names each operation once and only schemas it defines", () => {
    const keys = apiOperations.map((spec) => `${spec.method} ${spec.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    const document = openApiDocument("0.0.0") as {
      components: { schemas: Record<string, unknown> };
    };
    const refs = [...JSON.stringify(document).matchAll(/#\/components\/schemas\/(\w+)/g)];
    const missing = refs.map((m) => m[1]).filter((name) => !(name! in document.components.schemas));
    expect(missing).toEqual([]);
  });

  it("is current: docs/openapi.json is what `npm run docs:openapi` writes", async () => {
    const onDisk = await readFile(openApiFile, "utf8");
    expect(onDisk === (await openApiJson()), "run `npm run docs:openapi`").toBe(true);
  });

  it("answers requests on the described paths (not the server's unknown-route 404)", async () => {
    for (const path of ["/pools", "/jobs", "/nodecounts", "/factories/none/pipelines"]) {
      const response = await fetch(`${server.url}${path}`, {
        headers: { authorization: `Bearer ${server.token}` },
      });
      const body = await response.text();
      expect(body, path).not.toMatch(/No resource at/);
    }
  });
});
