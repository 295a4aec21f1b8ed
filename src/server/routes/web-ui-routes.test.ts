import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpServer } from "../http-server.js";
import { defaultWebUiRoot, webUiRoutes } from "./web-ui-routes.js";

describe("web UI static files", () => {
  let parent: string;
  let root: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), "sluice-web-ui-"));
    root = join(parent, "dist");
    await mkdir(join(root, "assets"), { recursive: true });
    await writeFile(join(root, "index.html"), "<!doctype html><title>Sluice</title>");
    await writeFile(join(root, "assets", "app-1234.js"), "console.log(1)");
    await writeFile(join(root, "assets", "app-1234.css"), "body{}");
    await writeFile(join(parent, "secret.txt"), "do not serve");
    app = createHttpServer({ token: "t0ken", routes: [webUiRoutes({ root })] });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await rm(parent, { recursive: true, force: true });
  });

  it("redirects / to /ui/ and serves index.html without a token", async () => {
    const top = await app.inject({ method: "GET", url: "/" });
    expect(top.statusCode).toBe(302);
    expect(top.headers.location).toBe("/ui/");
    const page = await app.inject({ method: "GET", url: "/ui/" });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.headers["cache-control"]).toBe("no-cache");
    expect(page.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(page.body).toContain("<title>Sluice</title>");
  });

  it("serves assets with their content types and a long cache", async () => {
    const script = await app.inject({ method: "GET", url: "/ui/assets/app-1234.js" });
    expect(script.statusCode).toBe(200);
    expect(script.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(script.headers["cache-control"]).toContain("immutable");
    expect(script.body).toBe("console.log(1)");
    const style = await app.inject({ method: "GET", url: "/ui/assets/app-1234.css" });
    expect(style.headers["content-type"]).toBe("text/css; charset=utf-8");
  });

  it("answers index.html for in-app routes and 404 for missing assets", async () => {
    const route = await app.inject({ method: "GET", url: "/ui/f/default/runs/abc?x=1" });
    expect(route.statusCode).toBe(200);
    expect(route.body).toContain("<title>Sluice</title>");
    const missing = await app.inject({ method: "GET", url: "/ui/assets/nope.js" });
    expect(missing.statusCode).toBe(404);
  });

  it("never leaves the root folder", async () => {
    for (const url of [
      "/ui/../secret.txt",
      "/ui/%2e%2e/secret.txt",
      "/ui/assets/%2e%2e%2f%2e%2e%2fsecret.txt",
      "/ui/..%5csecret.txt",
      "/ui/%00.js",
      "/ui/%E0%A4%A.js",
    ]) {
      const reply = await app.inject({ method: "GET", url });
      expect(reply.body, url).not.toContain("do not serve");
      expect([400, 401, 404], url).toContain(reply.statusCode);
    }
  });

  it("still guards the API with the token", async () => {
    const api = await app.inject({ method: "GET", url: "/pools" });
    expect(api.statusCode).toBe(401);
  });

  it("defaults to the package's web/dist folder", () => {
    expect(defaultWebUiRoot().replace(/\/$/, "")).toBe(
      join(import.meta.dirname, "..", "..", "..", "web", "dist"),
    );
  });
});
