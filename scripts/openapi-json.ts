import { readFile } from "node:fs/promises";
import { format } from "prettier";
import { openApiDocument } from "../src/server/index.js";

/** Where the REST API reference is kept. */
export const openApiFile = new URL("../docs/openapi.json", import.meta.url);

/** docs/openapi.json as `npm run docs:openapi` writes it: generated, then Prettier's format. */
export async function openApiJson(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return format(JSON.stringify(openApiDocument(pkg.version)), { parser: "json" });
}
