// `npm run docs:openapi`: writes docs/openapi.json from src/server/openapi/ (the operations
// table and the resource schemas). test/docs/openapi.test.ts fails when the file is stale or
// when the server serves a route the table does not describe.
import { writeFile } from "node:fs/promises";
import { openApiFile, openApiJson } from "./openapi-json.js";

await writeFile(openApiFile, await openApiJson());
console.log(`wrote ${openApiFile.pathname}`);
